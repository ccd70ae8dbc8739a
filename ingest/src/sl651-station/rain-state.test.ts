import { describe, expect, it } from 'vitest';
import type { RainState } from '../sl651/index.js';
import { MemoryRainStateStore } from './rain-state.js';

const state = (total: number): RainState => ({
  until: '2026-07-01T01:00:00.000Z',
  total,
  day: null,
  pt: null,
  pj: null,
});

describe('MemoryRainStateStore', () => {
  it('keeps the latest state per station and forgets the station silent longest when full', () => {
    const store = new MemoryRainStateStore([], 2);
    store.set('4311240001', state(1));
    store.set('4311240002', state(2));
    store.set('4311240001', state(3)); // reported again: now the most recent
    store.set('4311240003', state(4));
    expect(store.size).toBe(2);
    expect(store.get('4311240002')).toBeNull();
    expect(store.get('4311240001')).toEqual(state(3));
    expect(store.get('4311240003')).toEqual(state(4));
  });
});
