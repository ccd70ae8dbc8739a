import { afterEach, describe, expect, it, vi } from 'vitest';
import { Simulator, type SimulatorOptions, type TelemetryMessage } from './simulator.js';
import { FAR, FIXTURES, GATED, MONITORED, UNGATED } from '@yz/domain/testing';

const HOUR = 3_600_000;
const START = new Date('2026-07-01T08:00:00+08:00');
const CLEAN: SimulatorOptions = {
  seed: 7,
  speed: 60,
  startTime: START,
  malformedRate: 0,
  dropoutRate: 0,
  stormRate: 0,
};

interface Report {
  code: string;
  ts: string;
  time: number;
  values: Record<string, number>;
}

function simulate(hours: number, options: Partial<SimulatorOptions> = {}, storm?: { lon: number; lat: number }) {
  const sim = new Simulator(FIXTURES, { ...CLEAN, ...options });
  if (storm) sim.bigStormNow(storm);
  return sim.tick(new Date(START.getTime() + hours * HOUR));
}

/** Parses contract messages, failing on anything the contract does not allow. */
function parse(messages: readonly TelemetryMessage[], prefix = ''): Report[] {
  return messages.map(({ topic, payload }) => {
    const code = new RegExp(`^${prefix}reservoirs/([^/]+)/telemetry$`).exec(topic)?.[1];
    const reservoir = FIXTURES.find((r) => r.code === code);
    expect(reservoir, topic).toBeDefined();
    const body = JSON.parse(payload) as { ts: string; readings: { sensor: string; value: unknown }[] };
    expect(body.ts).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:00\+08:00$/);
    expect(body.readings.length).toBeGreaterThan(0);
    const values: Record<string, number> = {};
    for (const { sensor, value } of body.readings) {
      expect(reservoir!.sensors.map((s) => s.code)).toContain(sensor);
      expect(Number.isFinite(value)).toBe(true);
      values[sensor] = value as number;
    }
    return { code: code!, ts: body.ts, time: Date.parse(body.ts), values };
  });
}

const of = (reports: Report[], code: string) => reports.filter((r) => r.code === code);
const hoursAfterStart = (r: Report) => (r.time - START.getTime()) / HOUR;

describe('Simulator', () => {
  afterEach(() => vi.useRealTimers());

  it('sends contract messages under the topic prefix', () => {
    const reports = parse(simulate(24, { topicPrefix: 'sim/', stormRate: 3 }, UNGATED_AT), 'sim/');
    expect(new Set(reports.map((r) => r.code))).toEqual(new Set(FIXTURES.map((r) => r.code)));
    for (const r of reports) expect(r.values.RG1 ?? 0).toBeGreaterThanOrEqual(0);
  });

  it('reports on start-up and every hour when dry, each time with every sensor', () => {
    const reports = parse(simulate(6));
    for (const reservoir of FIXTURES) {
      const mine = of(reports, reservoir.code);
      expect(mine.map(hoursAfterStart)).toEqual([5 / 60, 1, 2, 3, 4, 5, 6]);
      for (const r of mine) expect(Object.keys(r.values)).toEqual(reservoir.sensors.map((s) => s.code));
    }
  });

  it('adds rain-and-level reports every 5 minutes while it rains', () => {
    const mine = of(parse(simulate(6, {}, UNGATED_AT)), UNGATED.code);
    const added = mine.filter((r) => r.time % HOUR !== 0 && hoursAfterStart(r) > 0.1);
    expect(added.length).toBeGreaterThan(30);
    for (const r of added) expect(Object.keys(r.values).sort()).toEqual(['RG1', 'WL1']);
    const gaps = mine.slice(1).map((r, i) => (r.time - mine[i]!.time) / 60_000);
    expect(Math.min(...gaps)).toBe(5);
    expect(mine.reduce((total, r) => total + (r.values.RG1 ?? 0), 0)).toBeGreaterThan(100);
  });

  it('lifts nearby reservoirs over the flood-limit level in a big storm, and none without rain', () => {
    const peak = (reports: Report[], code: string) => Math.max(...of(reports, code).map((r) => r.values.WL1!));
    const stormy = parse(simulate(24, {}, UNGATED_AT));
    for (const reservoir of [UNGATED, GATED, MONITORED]) {
      expect(peak(stormy, reservoir.code)).toBeGreaterThan(reservoir.levels.floodLimitLevel);
      expect(peak(stormy, reservoir.code)).toBeLessThan(reservoir.levels.crestElevation);
    }
    expect(peak(stormy, FAR.code)).toBeLessThan(FAR.levels.floodLimitLevel);

    const dry = parse(simulate(72));
    for (const reservoir of FIXTURES) expect(peak(dry, reservoir.code)).toBeLessThan(reservoir.levels.floodLimitLevel);
  });

  it('lets seepage pressure follow the water level with a lag', () => {
    const hourly = of(parse(simulate(48, {}, MONITORED_AT)), MONITORED.code).filter((r) => r.time % HOUR === 0);
    const peakHour = (sensor: string) => {
      const values = hourly.map((r) => r.values[sensor]!);
      return hoursAfterStart(hourly[values.indexOf(Math.max(...values))]!);
    };
    expect(peakHour('SP1')).toBeGreaterThan(peakHour('WL1') + 2);
    expect(hourly.at(-1)!.values.SP1!).toBeGreaterThan(hourly[0]!.values.SP1!);
  });

  it('is deterministic for a seed, however the time is sliced', () => {
    const noisy: Partial<SimulatorOptions> = { stormRate: 5, malformedRate: 0.05, dropoutRate: 0.05 };
    const once = simulate(48, noisy, UNGATED_AT);
    expect(simulate(48, noisy, UNGATED_AT)).toEqual(once);
    expect(simulate(48, { ...noisy, seed: 8 }, UNGATED_AT)).not.toEqual(once);

    const sim = new Simulator(FIXTURES, { ...CLEAN, ...noisy });
    sim.bigStormNow(UNGATED_AT);
    const sliced: TelemetryMessage[] = [];
    for (let minutes = 7; minutes <= 48 * 60; minutes += 7) {
      sliced.push(...sim.tick(new Date(START.getTime() + minutes * 60_000)));
    }
    sliced.push(...sim.tick(new Date(START.getTime() + 48 * HOUR)));
    expect(sliced).toEqual(once);
  });

  it('plays a drill storm fast: reports each minute, an hour of storm rain a minute, then back to real time', () => {
    const sim = new Simulator(FIXTURES, CLEAN);
    sim.tick(new Date(START.getTime() + HOUR));
    const drill = sim.startDrill(60, START.getTime() + HOUR, UNGATED_AT);
    expect(drill.endMs - drill.startMs).toBe(6 * 60_000);
    const during = parse(sim.tick(new Date(START.getTime() + HOUR + 3 * 60_000)));
    const rain = of(during, UNGATED.code).map((r) => r.values.RG1 ?? 0);
    expect(rain).toHaveLength(3);
    // Three storm hours at 60–100 mm/h peak: past the 70 mm of an orange 1-hour rain alert.
    expect(rain.reduce((a, b) => a + b, 0)).toBeGreaterThan(70);
    sim.tick(new Date(drill.endMs));
    const after = parse(sim.tick(new Date(START.getTime() + 2 * HOUR)));
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((r) => r.time % (5 * 60_000) === 0)).toBe(true);
  });

  it('sends the three kinds of malformed message at the configured rate', () => {
    const messages = simulate(48, { malformedRate: 0.3 }, UNGATED_AT);
    const kinds = { bad_json: 0, non_numeric: 0, unknown_sensor: 0, good: 0 };
    for (const { payload } of messages) {
      let body: { readings: { sensor: string; value: unknown }[] };
      try {
        body = JSON.parse(payload);
      } catch {
        kinds.bad_json++;
        continue;
      }
      if (body.readings.some((r) => typeof r.value !== 'number')) kinds.non_numeric++;
      else if (body.readings.some((r) => r.sensor === 'ZZ99')) kinds.unknown_sensor++;
      else kinds.good++;
    }
    for (const count of Object.values(kinds)) expect(count).toBeGreaterThan(0);
    expect(kinds.good / messages.length).toBeCloseTo(0.7, 1);
  });

  it('drops out stations for hours and reports the rain of the gap afterwards', () => {
    const rainy = parse(simulate(48, { dropoutRate: 0.15, stormRate: 10 }));
    const allRain = parse(simulate(48, { stormRate: 10 }));
    const total = (reports: Report[]) => reports.reduce((sum, r) => sum + (r.values.RG1 ?? 0), 0);
    for (const reservoir of FIXTURES) {
      const times = of(rainy, reservoir.code).map((r) => r.time);
      const longestGap = Math.max(...times.slice(1).map((t, i) => t - times[i]!)) / HOUR;
      expect(longestGap).toBeGreaterThanOrEqual(2);
    }
    expect(total(rainy)).toBeGreaterThan(0);
    // The gauge keeps counting while the link is down: only the rain after the last report is missing.
    expect(total(rainy)).toBeGreaterThan(total(allRain) * 0.9);
  });

  it('runs on a timer at the speed factor until stopped', async () => {
    vi.useFakeTimers({ now: new Date('2030-01-01T00:00:00Z') });
    const published: string[] = [];
    const sim = new Simulator(FIXTURES, { ...CLEAN, speed: 3600 });
    sim.start((topic) => void published.push(topic));
    await vi.advanceTimersByTimeAsync(3_000);
    sim.stop();
    expect(sim.time).toEqual(new Date(START.getTime() + 3 * HOUR));
    expect(published).toHaveLength(4 * FIXTURES.length);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(published).toHaveLength(4 * FIXTURES.length);
  });

  it('says when it has caught up with the real clock, not before', async () => {
    // Started 3 h in the past at 3600×: real time is reached after about 3 s.
    vi.useFakeTimers({ now: START.getTime() + 3 * HOUR });
    const sim = new Simulator(FIXTURES, { ...CLEAN, speed: 3600 });
    let caughtUp = false;
    void sim.caughtUp.then(() => (caughtUp = true));
    sim.start(() => undefined);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(caughtUp).toBe(false);
    await vi.advanceTimersByTimeAsync(2_000);
    sim.stop();
    expect(caughtUp).toBe(true);
  });

  it('keeps running when publishing fails', async () => {
    vi.useFakeTimers();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    let calls = 0;
    const sim = new Simulator(FIXTURES, { ...CLEAN, speed: 3600 });
    sim.start(() => {
      calls++;
      throw new Error('broker down');
    });
    await vi.advanceTimersByTimeAsync(2_000);
    sim.stop();
    expect(calls).toBe(3 * FIXTURES.length);
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });
});

const UNGATED_AT = { lon: UNGATED.longitude, lat: UNGATED.latitude };
const MONITORED_AT = { lon: MONITORED.longitude, lat: MONITORED.latitude };
