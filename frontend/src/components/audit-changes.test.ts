import { describe, expect, it } from 'vitest';
import { auditChanges } from './audit-changes';

describe('auditChanges', () => {
  it('lists the fields an update changed, labelled, with enumerated values translated', () => {
    const before = { role: 'patrol', name: '张三', phone: '13800000001', trained: false, updatedAt: '1' };
    const after = { ...before, name: '赵六', trained: true, updatedAt: '2' };
    expect(auditChanges(before, after)).toEqual([
      { field: '名称', from: '张三', to: '赵六' },
      { field: '已培训', from: '否', to: '是' },
    ]);
  });

  it('flattens rule settings to their labelled path; a create shows only the values set', () => {
    expect(
      auditChanges(null, { waterLevelRise: { ratePerHour: 0.35 }, rain: { '3h': [null, null, 60, 100] } }),
    ).toEqual([
      { field: '水位上涨率', from: null, to: '0.35' },
      { field: '3小时雨量 橙色预警', from: null, to: '60' },
      { field: '3小时雨量 红色预警', from: null, to: '100' },
    ]);
  });

  it('shows what a clear removed', () => {
    expect(auditChanges({ waterLevelRise: { ratePerHour: 0.35 } }, null)).toEqual([
      { field: '水位上涨率', from: '0.35', to: '—' },
    ]);
  });
});
