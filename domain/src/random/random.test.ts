import { describe, expect, it } from 'vitest';
import { hashString, Random } from './random.js';

const draw = (random: Random, n = 5) => Array.from({ length: n }, () => random.next());

describe('Random', () => {
  it('repeats its sequence for a seed and differs between seeds and derived names', () => {
    expect(draw(new Random(42))).toEqual(draw(new Random(42)));
    expect(draw(new Random(42))).not.toEqual(draw(new Random(43)));
    expect(draw(Random.derive(1, 'a'))).not.toEqual(draw(Random.derive(1, 'b')));
  });

  it('is mulberry32: the registry, the simulator and the sample frames keep their numbers', () => {
    expect(draw(new Random(1), 3)).toEqual([0.6270739405881613, 0.002735721180215478, 0.5274470399599522]);
    expect(hashString('431124-0007')).toBe(hashString('431124-0007'));
    expect(hashString('')).toBe(0x811c9dc5);
  });

  it('stays in range and is roughly uniform', () => {
    const random = new Random(7);
    const values = draw(random, 10_000);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    expect(values.reduce((a, b) => a + b) / values.length).toBeCloseTo(0.5, 1);
  });

  it('draws integers, picks, weights and shuffles within their bounds', () => {
    const random = new Random(3);
    const ints = Array.from({ length: 1000 }, () => random.int(2, 4));
    expect(new Set(ints)).toEqual(new Set([2, 3, 4]));
    expect(['a', 'b']).toContain(random.pick(['a', 'b']));
    expect(random.weighted([['only', 1]])).toBe('only');
    expect(random.shuffle([1, 2, 3, 4]).sort()).toEqual([1, 2, 3, 4]);
    const normals = Array.from({ length: 5000 }, () => random.normal(10, 2));
    expect(normals.reduce((a, b) => a + b) / normals.length).toBeCloseTo(10, 0);
  });
});
