import { describe, expect, it } from 'vitest';
import { hoursKey, hoursText } from './hours';

describe('outlook hours', () => {
  it('reads as reached, about n hours, or not within 24 h', () => {
    expect(hoursText(0)).toBe('已到达');
    expect(hoursText(3.46)).toBe('约 3.5 小时');
    expect(hoursText(null)).toBe('24 小时内不会到达');
  });

  it('sorts the soonest first and never-reached last', () => {
    expect([null, 5, 0.5, undefined].sort((a, b) => hoursKey(a) - hoursKey(b))).toEqual([0.5, 5, null, undefined]);
  });
});
