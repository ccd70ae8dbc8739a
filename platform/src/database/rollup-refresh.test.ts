import { describe, expect, it } from 'vitest';
import { refreshWindows } from './rollup-refresh.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const t = (iso: string) => Date.parse(iso);

describe('refreshWindows', () => {
  it('covers two years in consecutive week-long windows on hour boundaries', () => {
    const windows = refreshWindows(t('2024-11-28T07:42:00Z'), t('2026-11-29T09:15:00Z'), null);
    expect(windows[0][0]).toBe(t('2024-11-28T07:00:00Z'));
    expect(windows.at(-1)![1]).toBe(t('2026-11-29T09:00:00Z'));
    for (const [i, [a, b]] of windows.entries()) {
      expect(b - a!).toBeLessThanOrEqual(7 * DAY);
      expect(a! % HOUR).toBe(0);
      if (i > 0) expect(a).toBe(windows[i - 1][1]);
    }
    expect(windows).toHaveLength(105);
  });

  it('starts open below when nothing is materialised yet, ending a week after the first reading', () => {
    const windows = refreshWindows(null, t('2026-11-29T09:15:00Z'), t('2026-10-01T03:30:00Z'));
    expect(windows[0]).toEqual([null, t('2026-10-01T03:00:00Z') + 7 * DAY]);
    expect(windows[1][0]).toBe(windows[0][1]);
    expect(windows.at(-1)![1]).toBe(t('2026-11-29T09:00:00Z'));
  });

  it('is one window, open below, without readings', () => {
    expect(refreshWindows(null, t('2026-11-29T09:15:00Z'), null)).toEqual([[null, t('2026-11-29T09:00:00Z')]]);
  });
});
