import { AREAS } from '@yz/domain';
import { describe, expect, it } from 'vitest';
import { generateRegistry } from './index.js';
import { areasFor, countsFor } from './scale.js';

describe('generateRegistry at province size', () => {
  const { areas, reservoirs, projects } = generateRegistry(undefined, 14_000);

  it('has the size asked for, over about Yongzhou’s number of reservoirs per area', () => {
    expect(reservoirs).toHaveLength(14_000);
    expect(areas).toHaveLength(151);
    expect(areas.slice(0, AREAS.length)).toEqual(AREAS);
    expect(new Set(areas.map((a) => a.code)).size).toBe(areas.length);
    expect(new Set(reservoirs.map((r) => r.areaCode))).toEqual(new Set(areas.map((a) => a.code)));
  });

  it('keeps codes and names unique and well-formed', () => {
    expect(new Set(reservoirs.map((r) => r.code)).size).toBe(14_000);
    expect(new Set(reservoirs.map((r) => r.name)).size).toBe(14_000);
    for (const r of reservoirs) expect(r.code).toMatch(/^[0-9]{6}-[0-9]{4}$/);
  });

  it('keeps Yongzhou’s proportions: medium, monitored, dangerous', () => {
    const counts = countsFor(14_000);
    expect(reservoirs.filter((r) => r.scale === 'medium')).toHaveLength(counts.medium);
    expect(reservoirs.filter((r) => r.scale !== 'medium' && r.damSafetyMonitoring)).toHaveLength(counts.monitoredSmall);
    expect(projects).toHaveLength(counts.medium + counts.programmeSmall);
    expect(counts.medium).toBe(43);
  });

  it('is deterministic', () => {
    expect(generateRegistry(undefined, 14_000).reservoirs.slice(-3)).toEqual(reservoirs.slice(-3));
  });
});

describe('areasFor', () => {
  it('is Yongzhou’s 14 areas up to Yongzhou’s size', () => {
    expect(areasFor(1294)).toEqual(AREAS);
    expect(areasFor(500)).toEqual(AREAS);
  });

  it('refuses sizes outside the bounds', () => {
    expect(() => areasFor(10)).toThrow(RangeError);
    expect(() => areasFor(1.5e5)).toThrow(RangeError);
  });
});
