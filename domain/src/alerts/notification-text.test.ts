import { describe, expect, it } from 'vitest';
import type { AlertRecord } from './alert.js';
import { notificationText } from './notification-text.js';

const alert = {
  id: '7',
  reservoirCode: '431124-0007',
  reservoirName: '双河水库',
  severity: 'major',
  openedAt: '2026-07-01T00:00:00.000Z',
  message: { zh: '水位 312.50 m，超设计洪水位 312.00 m（橙色预警）', en: '' },
} as AlertRecord;

describe('notificationText', () => {
  it('names the reservoir, Beijing time and the alert, and asks for action', () => {
    expect(notificationText(alert, 0, new Date('2026-07-01T00:01:00Z'))).toBe(
      '【永州水库预警】双河水库(431124-0007) 7月1日 08:00 水位 312.50 m，超设计洪水位 312.00 m（橙色预警），请立即处置。',
    );
  });

  it('says how long an escalated alert has gone unacknowledged', () => {
    expect(notificationText(alert, 1, new Date('2026-07-01T00:15:00Z'))).toContain('已 15 分钟未确认，请立即处置。');
  });

  it('asks for closer patrols on a warning', () => {
    expect(notificationText({ ...alert, severity: 'warning' }, 0, new Date())).toContain('请加强巡查、及时处置');
  });

  it('marks a drill alert as a drill', () => {
    expect(notificationText({ ...alert, drill: true }, 0, new Date())).toMatch(/^【演练】【永州水库预警】/);
  });
});
