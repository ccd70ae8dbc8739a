import { Random, type ReservoirSeed } from '@yz/domain';
import { buildMalformedPayload, buildPayload, MALFORM_KINDS, telemetryTopic } from './payload.js';
import { Sl651Rtu } from './sl651-rtu.js';
import { Station } from './station.js';
import { StormField, type Bounds } from './storms.js';

/** The model advances in steps of one simulated minute, aligned on whole minutes. */
const STEP_MS = 60_000;
/** Stations may report on every 5-minute mark. */
const REPORT_MS = 5 * STEP_MS;
const HOUR_MS = 60 * STEP_MS;
/** Margin (degrees) around the stations within which natural storms form. */
const STORM_MARGIN_DEG = 0.3;
/** Simulated hours a drill covers: the big storm (3–4 h) and the reservoirs' rise after it. */
const DRILL_HOURS = 6;

/** A storm drill: a big storm played `speed` times faster than real time between two real instants. */
export interface StormDrill {
  speed: number;
  startMs: number;
  endMs: number;
}

export interface SimulatorOptions {
  seed: number;
  /** Simulated seconds per real second, for {@link Simulator.start}. */
  speed: number;
  startTime: Date;
  /** Prepended verbatim to `reservoirs/{code}/telemetry`. */
  topicPrefix?: string;
  /** Fraction of messages sent malformed (bad JSON, non-numeric value, unknown sensor). */
  malformedRate?: number;
  /** Chance per station per hour of going silent for 2–6 hours. */
  dropoutRate?: number;
  /** Multiplies the natural storm frequency; 0 = no rain but the storms from {@link Simulator.bigStormNow}. */
  stormRate?: number;
  /** Share of rain/water-level RTUs that speak SL 651 over the MQTT bridge (`sl651/{address}/up`) instead of JSON. */
  sl651Share?: number;
}

export interface TelemetryMessage {
  topic: string;
  payload: string;
}

export type Publish = (topic: string, payload: string) => Promise<void> | void;

/** Every station of the registry behaving like an RTU, under one shared, moving rain field. */
export class Simulator {
  private readonly stations: Station[];
  private readonly rtus = new Map<string, Sl651Rtu>();
  private readonly weather: StormField;
  private readonly faults: Random;
  private readonly centre: { lon: number; lat: number };
  private readonly speed: number;
  private readonly topicPrefix: string;
  private readonly malformedRate: number;
  private now: number;
  /** The weather's and the water's own clock: ahead of `now` by what drills have played fast. */
  private modelMs: number;
  private drill: (StormDrill & { centre: { lon: number; lat: number }; spawned: boolean }) | undefined;
  private timer: NodeJS.Timeout | undefined;
  private publishing = false;
  private markCaughtUp!: () => void;
  /** Settles once every report up to the real clock has been published (a run started in the past has caught up). */
  readonly caughtUp = new Promise<void>((resolve) => (this.markCaughtUp = resolve));

  constructor(reservoirs: readonly ReservoirSeed[], options: SimulatorOptions) {
    if (reservoirs.length === 0) throw new Error('the simulator needs at least one reservoir');
    if (!(options.speed > 0)) throw new Error(`simulator speed must be positive, got ${options.speed}`);
    const { seed } = options;
    this.now = options.startTime.getTime();
    this.modelMs = this.now;
    this.speed = options.speed;
    this.topicPrefix = options.topicPrefix ?? '';
    this.malformedRate = options.malformedRate ?? 0.002;
    const dropoutRate = options.dropoutRate ?? 0.001;
    this.stations = reservoirs.map(
      (r) => new Station(r, Random.derive(seed, `station:${r.code}`), this.now, dropoutRate),
    );
    for (const r of reservoirs) {
      const prng = Random.derive(seed, `sl651:${r.code}`);
      if (prng.chance(options.sl651Share ?? 0)) {
        this.rtus.set(r.code, new Sl651Rtu(r.code, new Map(r.sensors.map((x) => [x.code, x.type])), prng));
      }
    }
    this.faults = Random.derive(seed, 'faults');
    const bounds = boundsOf(reservoirs);
    this.centre = { lon: (bounds.west + bounds.east) / 2, lat: (bounds.south + bounds.north) / 2 };
    this.weather = new StormField(bounds, Random.derive(seed, 'weather'), options.stormRate ?? 1);
  }

  /** The simulated time the model has reached. */
  get time(): Date {
    return new Date(this.now);
  }

  /** Advances the model to `simTime` minute by minute; returns the messages the stations sent meanwhile. */
  tick(simTime: Date): TelemetryMessage[] {
    const messages: TelemetryMessage[] = [];
    for (let t = nextStep(this.now); t <= simTime.getTime(); t = nextStep(t)) this.step(t, messages);
    return messages;
  }

  /** A strong, slow storm (60–100 mm/h peak) starting now over `center`, by default the middle of the region. */
  bigStormNow(center: { lon: number; lat: number } = this.centre): void {
    this.weather.spawnBigStorm(this.modelMs, center.lon, center.lat);
  }

  /**
   * A drill: from real time `atMs` (once the model reaches it) a big storm over `centre` plays `speed` times faster,
   * every station reporting each minute, so a storm night passes in minutes. Readings keep real timestamps (ingest
   * takes nothing from the future); only the weather and the water run fast. Replaces a drill still running.
   */
  startDrill(speed: number, atMs: number, centre: { lon: number; lat: number } = this.centre): StormDrill {
    if (!Number.isInteger(speed) || speed < 1) throw new Error(`drill speed must be a positive integer, got ${speed}`);
    const startMs = Math.max(atMs, this.now);
    const drill = { speed, startMs, endMs: startMs + (DRILL_HOURS * 3_600_000) / speed };
    this.drill = { ...drill, centre, spawned: false };
    return drill;
  }

  /** The drill running or last run, if any. */
  get lastDrill(): StormDrill | undefined {
    return this.drill && { speed: this.drill.speed, startMs: this.drill.startMs, endMs: this.drill.endMs };
  }

  /**
   * Runs the model on a real timer at the speed factor, handing every message to `publish`.
   * `clock` gives real time in ms. A batch still being published delays the next tick, which then
   * catches up, so a slow broker never reorders or drops messages. Simulated time never passes the real clock
   * (ingest rejects readings from the future): a run started in the past fast-forwards to now, then follows it.
   */
  start(publish: Publish, clock: () => number = Date.now): void {
    if (this.timer) throw new Error('simulator already started');
    const realStart = clock();
    const simStart = this.now;
    const intervalMs = Math.min(1000, Math.max(100, STEP_MS / this.speed));
    this.timer = setInterval(() => {
      if (!this.publishing) {
        const now = clock();
        const upTo = Math.min(simStart + (now - realStart) * this.speed, now);
        void this.publishUpTo(upTo, publish).then(() => upTo === now && this.markCaughtUp());
      }
    }, intervalMs);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private async publishUpTo(simMs: number, publish: Publish): Promise<void> {
    this.publishing = true;
    try {
      const messages = this.tick(new Date(simMs));
      const results = await Promise.allSettled(messages.map(async (m) => publish(m.topic, m.payload)));
      const failed = results.filter((r) => r.status === 'rejected');
      if (failed[0]) {
        console.warn(`simulator: ${failed.length} of ${messages.length} messages not published:`, failed[0].reason);
      }
    } finally {
      this.publishing = false;
    }
  }

  private step(t: number, messages: TelemetryMessage[]): void {
    const drill = this.drill && t > this.drill.startMs && t <= this.drill.endMs ? this.drill : undefined;
    if (drill && !drill.spawned) {
      drill.spawned = true;
      this.bigStormNow(drill.centre);
    }
    // A drill minute is `speed` model minutes, each stepped on its own so the water balance stays stable.
    for (let i = 0; i < (drill?.speed ?? 1); i++) this.advanceModel(t - this.now);
    this.now = t;
    if (t % REPORT_MS !== 0 && !drill) return;
    for (const station of this.stations) {
      const all = station.report(t);
      if (!all) continue;
      const { code } = station.reservoir;
      const rtu = this.rtus.get(code);
      const sl651 = rtu ? all.filter((r) => rtu.carries(r.sensor)) : [];
      if (rtu) messages.push(rtu.report(this.topicPrefix, t, sl651, t % HOUR_MS === 0));
      const readings = rtu ? all.filter((r) => !sl651.includes(r)) : all;
      if (!readings.length) continue;
      const payload = this.faults.chance(this.malformedRate)
        ? buildMalformedPayload(t, readings, this.faults.pick(MALFORM_KINDS))
        : buildPayload(t, readings);
      messages.push({ topic: telemetryTopic(this.topicPrefix, code), payload });
    }
  }

  private advanceModel(dtMs: number): void {
    const dtSeconds = dtMs / 1000;
    // Rain for the step is sampled at its middle.
    this.weather.advance(this.modelMs + dtMs / 2);
    this.modelMs += dtMs;
    for (const station of this.stations) {
      station.step(dtSeconds, (this.weather.rainRate(station.lon, station.lat) * dtSeconds) / 3600);
    }
  }
}

function nextStep(ms: number): number {
  return Math.floor(ms / STEP_MS) * STEP_MS + STEP_MS;
}

/** The stations' extent plus a margin; a loop, since spreading 94,000 reservoirs into Math.min overflows the stack. */
function boundsOf(reservoirs: readonly ReservoirSeed[]): Bounds {
  const bounds = { west: Infinity, east: -Infinity, south: Infinity, north: -Infinity };
  for (const { longitude, latitude } of reservoirs) {
    bounds.west = Math.min(bounds.west, longitude - STORM_MARGIN_DEG);
    bounds.east = Math.max(bounds.east, longitude + STORM_MARGIN_DEG);
    bounds.south = Math.min(bounds.south, latitude - STORM_MARGIN_DEG);
    bounds.north = Math.max(bounds.north, latitude + STORM_MARGIN_DEG);
  }
  return bounds;
}
