import { describe, expect, it } from 'vitest';
import { effectiveLimitLevel, restrictedLevel } from './restricted-level.js';
import { LEVELS } from './test-fixtures.js';

const reservoir = { levels: LEVELS };
const dangerous = { damCategory: 3, reinforcementAccepted: false } as const;

describe('restricted level', () => {
  it('replaces the flood-limit level of a category-3 dam in the flood season, 1 m lower by default', () => {
    expect(effectiveLimitLevel(reservoir, dangerous, true)).toEqual({ level: 109, kind: 'restricted' });
  });

  it("uses the reservoir's own restricted level where one is set", () => {
    expect(effectiveLimitLevel(reservoir, { ...dangerous, restrictedLevel: 108.4 }, true)).toEqual({
      level: 108.4,
      kind: 'restricted',
    });
  });

  it('is lifted once the reinforcement has passed acceptance', () => {
    const accepted = { ...dangerous, reinforcementAccepted: true, restrictedLevel: 108.4 };
    expect(restrictedLevel(LEVELS, accepted)).toBeNull();
    expect(effectiveLimitLevel(reservoir, accepted, true)).toEqual({ level: 110, kind: 'floodLimit' });
  });

  it('does not apply to category-1 and -2 dams', () => {
    expect(effectiveLimitLevel(reservoir, { damCategory: 2, reinforcementAccepted: false }, true)).toEqual({
      level: 110,
      kind: 'floodLimit',
    });
  });

  it('gives way to the normal pool outside the flood season', () => {
    const gated = { levels: { ...LEVELS, floodLimitLevel: 108.5 } };
    expect(effectiveLimitLevel(gated, dangerous, false)).toEqual({ level: 110, kind: 'normalPool' });
    expect(effectiveLimitLevel(gated, { damCategory: 1, reinforcementAccepted: false }, false).kind).toBe('normalPool');
  });

  it('never defaults below the dead level', () => {
    expect(restrictedLevel({ ...LEVELS, deadLevel: 109.6 }, dangerous)).toBe(109.6);
  });
});
