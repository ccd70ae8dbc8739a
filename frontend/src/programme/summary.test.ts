import { describe, expect, it } from 'vitest';
import type { Project } from '../api/types';
import { summarise, yearsOf } from './summary';

const project = (
  county: string,
  year: string,
  budget: string,
  alloc: [string, string, string, string],
  spent: string,
): Project =>
  ({
    id: 1,
    kind: 'reinforcement',
    county,
    plannedStart: `${year}-03-01`,
    budget,
    allocatedBySource: { central: alloc[0], provincial: alloc[1], municipal: alloc[2], county: alloc[3] },
    spent,
    overdue: county === 'B',
  }) as Project;

describe('funding summary', () => {
  it('sums exactly per group and in total, with gap and rates', () => {
    const list = [
      project('A', '2021', '5000000.00', ['3500000.00', '750000.00', '300000.00', '450000.10'], '4000000.05'),
      project('A', '2022', '1900000.00', ['1330000.00', '0.00', '0.00', '0.00'], '0.00'),
      project('B', '2022', '0.10', ['0.00', '0.00', '0.00', '0.00'], '0.00'),
    ];
    const { rows, total } = summarise(list, 'county');
    expect(rows.map((r) => r.group)).toEqual(['A', 'B']);
    expect(rows[0]!.allocated.total).toBe('6330000.10');
    expect(rows[0]!.gap).toBe('569999.90');
    expect(rows[0]!.allocationRate).toBe('0.9174');
    expect(total.budget).toBe('6900000.10');
    expect(total.spent).toBe('4000000.05');
    expect(total.overdue).toBe(1);
    expect(rows[1]!.spendingRate).toBeNull();
    expect(summarise(list, 'year').rows.map((r) => [r.group, r.projects])).toEqual([
      ['2021', 1],
      ['2022', 2],
    ]);
    expect(yearsOf(list)).toEqual(['2022', '2021']);
  });
});
