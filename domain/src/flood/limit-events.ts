import { effectiveLimitLevel, type DamStatus, type LimitKind } from './restricted-level.js';
import { spillwayDischarge, type Spillway } from './spillway.js';
import { stepWatch, type Run, type WatchState, type WatchStep } from './threshold-watch.js';
import { round, type FloodLevels, type StorageCurve } from './types.js';
import type { TimedValue } from '../time/index.js';

export type LimitWatch = WatchState<LimitKind>;
export type SpillWatch = WatchState<'spillwayCrest'>;

/** A stay above the flood-limit (or restricted) level in the flood season 超汛限. */
export interface FloodLimitEvent extends Run<LimitKind> {
  /** S(peak) − S(limit), 10⁴ m³: the storage the pool held above its limit at the peak. */
  excessStorage: number;
}

/** A spill over an ungated spillway's crest 溢洪. */
export interface SpillEvent extends Run<'spillwayCrest'> {
  /** Q at the peak level, m³/s. */
  peakDischarge: number;
}

export interface EventChange<E> {
  type: 'open' | 'update' | 'close';
  event: E;
}

export interface FloodLimitContext {
  levels: FloodLevels;
  dam: DamStatus;
  curve: StorageCurve;
  /** Whether `reading` falls in the flood season: outside it no event opens and an open one closes. */
  floodSeason: boolean;
}

/** Takes one water-level reading (m) into a reservoir's flood-limit watch. */
export function stepFloodLimitEvents(
  state: LimitWatch,
  reading: TimedValue,
  { levels, dam, curve, floodSeason }: FloodLimitContext,
): { state: LimitWatch; change: EventChange<FloodLimitEvent> | null } {
  const threshold = floodSeason ? effectiveLimitLevel({ levels }, dam, true) : null;
  return measured(stepWatch(state, reading, threshold), (run) => ({
    ...run,
    excessStorage: round(curve.storageAt(run.peakLevel) - curve.storageAt(run.threshold.level), 3),
  }));
}

/** Takes one water-level reading (m) into a reservoir's spill watch (ungated spillways, all year). */
export function stepSpillEvents(
  state: SpillWatch,
  reading: TimedValue,
  spillway: Spillway,
): { state: SpillWatch; change: EventChange<SpillEvent> | null } {
  return measured(stepWatch(state, reading, { level: spillway.crestLevel, kind: 'spillwayCrest' }), (run) => ({
    ...run,
    peakDischarge: round(spillwayDischarge(spillway, run.peakLevel), 2),
  }));
}

/** The watch's step with its run turned into the event it reports. */
function measured<K extends string, E>(
  { state, change }: WatchStep<K>,
  measure: (run: Run<K>) => E,
): { state: WatchState<K>; change: EventChange<E> | null } {
  return { state, change: change && { type: change.type, event: measure(change.run) } };
}
