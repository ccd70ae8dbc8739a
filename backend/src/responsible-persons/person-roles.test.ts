import { describe, expect, it } from 'vitest';
import { publicListRows, PUBLIC_LIST_HEADER, type PersonRow } from './person-roles.js';

const base = { reservoirCode: '431124-0001', reservoirName: '东风水库', county: '431124', countyName: '道县' };

describe('public list of responsible persons', () => {
  it('puts the four persons of a reservoir on one row with their phones', () => {
    const persons: PersonRow[] = [
      { ...base, role: 'patrol', name: '赵六', phone: '13800000004', trained: false, trainedOn: null },
      { ...base, role: 'government', name: '张三', phone: '13800000001', trained: true, trainedOn: '2026-03-01' },
      { ...base, role: 'department', name: '李四', phone: '13800000002', trained: true, trainedOn: '2026-03-01' },
    ];
    expect(PUBLIC_LIST_HEADER).toHaveLength(11);
    expect(publicListRows(persons)).toEqual([
      ['道县', '东风水库', '431124-0001', '张三', '13800000001', '李四', '13800000002', '', '', '赵六', '13800000004'],
    ]);
  });
});
