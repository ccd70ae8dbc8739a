import { describe, expect, it } from 'vitest';
import { filterItems, sortItems, summarise, wettest, type OverviewItem } from './overview-view.js';

const item = (code: string, over: Partial<OverviewItem> = {}): OverviewItem => ({
  code,
  name: `${code}水库`,
  county: code.slice(0, 6),
  scale: 'small2',
  state: 'normal',
  time: null,
  level: null,
  limit: 100,
  delta: null,
  rain: { h1: null, h3: null, h6: null, h24: null },
  alerts: 0,
  severity: null,
  ...over,
});

const items = [
  item('431102-0001', { delta: 0.5, rain: { h1: 2, h3: 2, h6: 2, h24: 10 }, state: 'above_flood_limit', alerts: 2 }),
  item('431102-0002', { delta: -1, rain: { h1: 0, h3: 0, h6: 0, h24: 0 } }),
  item('431124-0001', { state: 'offline' }),
  item('431124-0002', { delta: 0.1, rain: { h1: 5, h3: 6, h6: 7, h24: 8 } }),
];

describe('overview view', () => {
  it('sorts by a key either way with reservoirs without a value last, ties by code', () => {
    const codes = (sort: 'delta' | 'rain24', order: 'asc' | 'desc') =>
      sortItems([...items], sort, order).map((i) => i.code);
    expect(codes('delta', 'desc')).toEqual(['431102-0001', '431124-0002', '431102-0002', '431124-0001']);
    expect(codes('delta', 'asc')).toEqual(['431102-0002', '431124-0002', '431102-0001', '431124-0001']);
    expect(codes('rain24', 'asc').at(-1)).toBe('431124-0001');
  });

  it('filters by area, state and part of the code or name', () => {
    const inArea = (c: string) => c === '431124';
    expect(filterItems(items, { inArea }).map((i) => i.code)).toEqual(['431124-0001', '431124-0002']);
    expect(filterItems(items, { inArea: () => true, state: 'offline' })).toHaveLength(1);
    expect(filterItems(items, { inArea: () => true, q: '0002水' })).toHaveLength(2);
  });

  it('sums an area: states, alerts, mean rain over the gauges that reported, maxima; names the wettest', () => {
    expect(summarise('x', 'X', items)).toEqual({
      code: 'x',
      name: 'X',
      reservoirs: 4,
      normal: 2,
      aboveFloodLimit: 1,
      offline: 1,
      alerts: 2,
      rain24Mean: 6,
      rain24Max: 10,
      rain1Max: 5,
    });
    expect(wettest(items, 'h1')).toEqual({ code: '431124-0002', name: '431124-0002水库', mm: 5 });
    expect(wettest([items[1]], 'h24')).toBeNull();
  });
});
