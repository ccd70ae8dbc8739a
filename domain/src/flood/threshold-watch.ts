import { HOUR_MS, round } from './types.js';
import type { TimedValue } from '../time/index.js';

/** A level watched for: the flood-limit (or restricted) level, or a spillway crest. */
export interface Threshold<K extends string> {
  level: number;
  kind: K;
}

/** A run is over once the level has stayed at or below the threshold less this band (m)... */
export const CLEAR_BAND_M = 0.05;
/** ...for this long (h), so a dip of a few centimetres or a short lull does not split one flood into two. */
export const CLEAR_HOURS = 1;

/** A run of levels above a threshold; times ISO-8601. */
export interface Run<K extends string> {
  start: string;
  /** When the level went down to the threshold less the band and stayed there; null while open. */
  end: string | null;
  durationHours: number | null;
  threshold: Threshold<K>;
  peakLevel: number;
  peakAt: string;
}

export interface OpenRun<K extends string> extends Omit<Run<K>, 'end' | 'durationHours'> {
  /** Start of the current stretch at or below the threshold less the band, if the level is in one. */
  belowSince: string | null;
}

/** One watch on one reservoir, plain JSON so that ingest can store it and pick it up again after a restart. */
export interface WatchState<K extends string> {
  /** The newest reading taken: readings at or before it (redelivered, late) are ignored. */
  lastTime: string | null;
  /** A first reading above the threshold, waiting for a second to open the run. */
  candidate: { time: string; level: number } | null;
  open: OpenRun<K> | null;
}

export interface RunChange<K extends string> {
  /** open: a new run; update: a new peak; close: the run is over. */
  type: 'open' | 'update' | 'close';
  run: Run<K>;
}

export interface WatchStep<K extends string> {
  state: WatchState<K>;
  change: RunChange<K> | null;
}

export function emptyWatch<K extends string>(): WatchState<K> {
  return { lastTime: null, candidate: null, open: null };
}

/**
 * Takes one reading. A run opens at the first of two consecutive readings above the threshold and closes once
 * the level has stayed at or below it less {@link CLEAR_BAND_M} for {@link CLEAR_HOURS}, ending when that stretch
 * began. `threshold` null means not watching now (outside the flood season): an open run closes at this reading.
 * An open run keeps the threshold it opened with.
 */
export function stepWatch<K extends string>(
  state: WatchState<K>,
  reading: TimedValue,
  threshold: Threshold<K> | null,
): WatchStep<K> {
  const time = reading.time.toISOString();
  // Times here all come from toISOString, whose text sorts as the time does (and is cheaper than parsing it back).
  if (state.lastTime !== null && time <= state.lastTime) return { state, change: null };
  const level = reading.value;
  const { open, candidate } = state;

  if (open) {
    if (threshold === null) return closed(open, time, time);
    const peak = level > open.peakLevel ? { peakLevel: level, peakAt: time } : {};
    const belowSince = level > open.threshold.level - CLEAR_BAND_M ? null : (open.belowSince ?? time);
    if (belowSince !== null && reading.time.getTime() - Date.parse(belowSince) >= CLEAR_HOURS * HOUR_MS) {
      return closed(open, belowSince, time);
    }
    const next = { ...open, ...peak, belowSince };
    return {
      state: { lastTime: time, candidate: null, open: next },
      change: 'peakLevel' in peak ? { type: 'update', run: runOf(next, null) } : null,
    };
  }

  if (threshold === null || level <= threshold.level) return { state: emptyWithLast(time), change: null };
  if (candidate === null) return { state: { lastTime: time, candidate: { time, level }, open: null }, change: null };
  const started: OpenRun<K> = {
    start: candidate.time,
    threshold,
    ...(level > candidate.level
      ? { peakLevel: level, peakAt: time }
      : { peakLevel: candidate.level, peakAt: candidate.time }),
    belowSince: null,
  };
  return {
    state: { lastTime: time, candidate: null, open: started },
    change: { type: 'open', run: runOf(started, null) },
  };
}

function closed<K extends string>(open: OpenRun<K>, end: string, time: string): WatchStep<K> {
  return { state: emptyWithLast(time), change: { type: 'close', run: runOf(open, end) } };
}

function emptyWithLast<K extends string>(time: string): WatchState<K> {
  return { lastTime: time, candidate: null, open: null };
}

function runOf<K extends string>({ start, threshold, peakLevel, peakAt }: OpenRun<K>, end: string | null): Run<K> {
  const durationHours = end === null ? null : round((Date.parse(end) - Date.parse(start)) / HOUR_MS, 2);
  return { start, end, durationHours, threshold, peakLevel, peakAt };
}
