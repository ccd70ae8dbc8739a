import mqtt from 'mqtt';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeAck, encodeMessage, type Message } from '@yz/ingest';
import { freePort, startSystem, type RunningSystem } from '../support/system.js';

interface Reservoir {
  code: string;
}
interface Alert {
  reservoirCode: string;
  ruleKey: string;
  severity: string;
}
interface Reject {
  topic: string;
  reason: string;
  payload: string;
}

const until = async <T>(what: string, probe: () => Promise<T | undefined | null | false>, ms = 15_000): Promise<T> => {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const v = await probe();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
};

/** A timed report (32) observed a minute ago: PJ rainfall, reservoir level, voltage. */
function timedReport(stationAddress: string, level: number, serial: number): Message {
  const minute = Math.floor((Date.now() - 60_000) / 60_000) * 60_000;
  return report(stationAddress, serial, minute, { '20': 0.5, '3B': level, '38': 12.4 }, '32', 30_000);
}

const HOUR_MS = 3_600_000;
/** The latest 08:00 Beijing time (00:00 UTC) that has passed: the end of the last whole hydrological day. */
const DAY_END = Math.floor(Date.now() / (24 * HOUR_MS)) * 24 * HOUR_MS;
const DAY_START = DAY_END - 24 * HOUR_MS;
/** Ends of that day's 24 hours, 09:00 … 08:00. */
const HOUR_ENDS = Array.from({ length: 24 }, (_, i) => DAY_START + (i + 1) * HOUR_MS);

/** A report (`32` timed, `34` hourly) of a reservoir station observed at `observedAt`, sent `sentAfterMs` later. */
function report(
  stationAddress: string,
  serial: number,
  observedAt: number,
  elements: Message['observations'][number]['elements'],
  functionCode = '32',
  sentAfterMs = 10_000,
): Message {
  return {
    encoding: 'hex',
    direction: 'up',
    centralAddress: 1,
    stationAddress,
    password: '0000',
    functionCode,
    serial,
    sentAt: new Date(observedAt + sentAfterMs),
    stationType: '4B',
    timeStepMinutes: null,
    observations: [{ observedAt: new Date(observedAt), elements }],
  };
}

describe('SL 651 RTUs through the whole system', () => {
  let sys: RunningSystem;
  let token: string;
  let sl651Port: number;
  let reservoirs: Reservoir[];
  const series = async (code: string, sensor: string) =>
    (
      await sys.get<{ points: [string, number][] }>(
        `/api/reservoirs/${code}/series?sensor=${sensor}&from=${new Date(Date.now() - 3_600_000).toISOString()}&to=${new Date(Date.now() + 600_000).toISOString()}`,
        token,
      )
    ).body.points;

  const dataDir = mkdtempSync(join(tmpdir(), 'yz-sl651-'));
  async function start(): Promise<void> {
    sl651Port = await freePort();
    sys = await startSystem({ dataDir, env: { SL651_PORT: String(sl651Port) } });
    token = await sys.login();
  }

  beforeAll(async () => {
    await start();
    reservoirs = (await sys.get<Reservoir[]>('/api/reservoirs', token)).body;
  });
  afterAll(async () => {
    await sys?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('confirms a report sent over TCP (M2) and serves its readings', async () => {
    const code = reservoirs[3].code;
    const message = timedReport(code.replace('-', ''), 123.456, 41);
    const socket = connect(sl651Port, '127.0.0.1');
    await once(socket, 'connect');
    let received = Buffer.alloc(0);
    socket.on('data', (d: Buffer) => (received = Buffer.concat([received, d])));
    socket.write(encodeMessage(message)[0]);
    const ack = encodeAck(message);
    await until('the M2 confirmation', async () => received.length >= ack.length);
    socket.destroy();
    expect(received).toEqual(ack);
    // Committed before the confirmation, so the reading is already there.
    expect(await series(code, 'WL1')).toContainEqual([expect.any(String), 123.456]);
    expect(await series(code, 'BV1')).toContainEqual([expect.any(String), 12.4]);
  });

  it('stores raw frames bridged over MQTT as hex text', async () => {
    const code = reservoirs[4].code;
    const address = code.replace('-', '');
    const message = timedReport(address, 234.567, 42);
    const dtu = await mqtt.connectAsync(sys.mqttUrl, { clientId: `test-dtu-${process.pid}` });
    try {
      await dtu.subscribeAsync(`${sys.topicPrefix}sl651/${address}/down`, { qos: 1 });
      const confirmed = new Promise<Buffer>((resolve) => dtu.once('message', (_t, payload) => resolve(payload)));
      await dtu.publishAsync(`${sys.topicPrefix}sl651/${address}/up`, encodeMessage(message)[0].toString('hex'), {
        qos: 1,
      });
      await until('the WL1 reading', async () => (await series(code, 'WL1')).some(([, v]) => v === 234.567));
      expect(await confirmed).toEqual(encodeAck(message));
    } finally {
      await dtu.endAsync();
    }
  });

  /** Sends each report over one TCP connection and waits for its M2 confirmation (sent once it is committed). */
  async function sendInTurn(messages: Message[]): Promise<void> {
    const socket = connect(sl651Port, '127.0.0.1');
    await once(socket, 'connect');
    let received = 0;
    socket.on('data', (d: Buffer) => (received += d.length));
    let expected = 0;
    try {
      for (const message of messages) {
        socket.write(encodeMessage(message)[0]);
        expected += encodeAck(message).length;
        await until(`the confirmation of report ${message.serial}`, async () => received >= expected);
      }
    } finally {
      socket.destroy();
    }
  }

  const rawRain = async (code: string) =>
    (
      await sys.get<{ points: [string, number][] }>(
        `/api/reservoirs/${code}/series?sensor=RG1&bucket=raw&from=${new Date(DAY_START - HOUR_MS).toISOString()}&to=${new Date(DAY_END + HOUR_MS).toISOString()}`,
        token,
      )
    ).body.points;
  const sum = (points: [string, number][]) => Math.round(points.reduce((s, [, v]) => s + v, 0) * 1000) / 1000;
  /** Rain per hour ending at each of HOUR_ENDS. */
  const hourly = (points: [string, number][]) =>
    HOUR_ENDS.map((end) => sum(points.filter(([t]) => Date.parse(t) > end - HOUR_MS && Date.parse(t) <= end)));
  const rainAlerts = async (code: string) =>
    (await sys.get<Alert[]>(`/api/alerts?state=open&reservoir=${code}`, token)).body.filter((a) =>
      a.ruleKey.startsWith('rain'),
    );

  it('stores the same 30 mm day from PJ-only, PT-only and F4 stations, and opens no rain alert for it', async () => {
    // 10 mm an hour over 08:00–11:00, dry until 08:00 the next day.
    const [pjStation, ptStation, f4Station, control] = [5, 6, 7, 8].map((i) => reservoirs[i].code);
    const address = (code: string) => code.replace('-', '');
    const rainy = (i: number) => i < 3;
    // PJ is the total since 08:00: 10, 20, 30, 30 … (the old reading of it as an increment stored 690 mm).
    const pj = HOUR_ENDS.map((end, i) => report(address(pjStation), i + 1, end, { '20': Math.min(10 * (i + 1), 30) }));
    // PT is a running total: a first report at 08:00 sets its start.
    const pt = [
      report(address(ptStation), 100, DAY_START, { '26': 1000 }),
      ...HOUR_ENDS.map((end, i) =>
        report(address(ptStation), 101 + i, end, { '26': 1000 + Math.min(10 * (i + 1), 30) }),
      ),
    ];
    // Hourly reports as the standard times them (obs = the first 5-minute group's end), with a PT that resets at
    // 10:00 mid-storm: the F4 values hold the rain, the reset loses nothing.
    const f4 = [0.5, 1.5, 1, 1, 1, 1, 1, 1, 0.5, 0.5, 0.5, 0.5];
    const hourlyReports = HOUR_ENDS.map((end, i) =>
      report(
        address(f4Station),
        200 + i,
        end - 55 * 60_000,
        { F4: rainy(i) ? f4 : Array<number>(12).fill(0), '26': i === 0 ? 510 : 0.5 + Math.min(10 * i, 20), '38': 12.6 },
        '34',
        55 * 60_000 + 10_000,
      ),
    );
    await Promise.all([sendInTurn(pj), sendInTurn(pt), sendInTurn(hourlyReports)]);

    const expectedHourly = HOUR_ENDS.map((_, i) => (rainy(i) ? 10 : 0));
    const pjPoints = await rawRain(pjStation);
    expect(pjPoints).toEqual(HOUR_ENDS.map((end, i) => [new Date(end).toISOString(), expectedHourly[i]]));
    expect(sum(pjPoints)).toBe(30);
    const ptPoints = await rawRain(ptStation);
    expect(ptPoints).toEqual(pjPoints);
    const f4Points = await rawRain(f4Station);
    expect(f4Points).toHaveLength(12 * 24);
    expect(f4Points[0][0]).toBe(new Date(DAY_START + 5 * 60_000).toISOString());
    expect(f4Points.at(-1)?.[0]).toBe(new Date(DAY_END).toISOString());
    expect(hourly(f4Points)).toEqual(expectedHourly);
    expect(sum(f4Points)).toBe(30);

    // Alerts are judged after each commit, one pass after another: once a heavy-rain control station's alert is
    // open, the reports sent before it have been judged too.
    await sendInTurn([report(address(control), 1, DAY_END - HOUR_MS, { '20': 150 })]);
    const [heavy] = await until("the control station's rain alert", async () => {
      const open = await rainAlerts(control);
      return open.length ? open : null;
    });
    // 150 mm since 08:00 reported at once: 3 h ≥ 100 mm, the red rainstorm signal; one alert for the gauge.
    expect(heavy).toMatchObject({ ruleKey: 'rain:RG1', severity: 'critical' });
    for (const code of [pjStation, ptStation, f4Station]) expect(await rainAlerts(code)).toEqual([]);
  });

  it("keeps each station's rain state across a restart: nothing counted twice, nothing lost", async () => {
    const [ptStation, pjStation] = [9, 10].map((i) => reservoirs[i].code);
    const address = (code: string) => code.replace('-', '');
    await sendInTurn([
      report(address(ptStation), 1, DAY_START + HOUR_MS, { '26': 2000 }),
      report(address(pjStation), 1, DAY_START + HOUR_MS, { '20': 5 }),
    ]);
    expect(await sys.stop()).toBe(0);
    await start();
    await sendInTurn([
      report(address(ptStation), 2, DAY_START + 2 * HOUR_MS, { '26': 2004 }),
      report(address(pjStation), 2, DAY_START + 2 * HOUR_MS, { '20': 8 }),
    ]);
    // Read as first reports, PT would store nothing (it only sets a start) and PJ 8 mm again (13 in all).
    expect(await rawRain(ptStation)).toEqual([[new Date(DAY_START + 2 * HOUR_MS).toISOString(), 4]]);
    expect(sum(await rawRain(pjStation))).toBe(8);
  });

  it('logs frames from an address that is no reservoir code as rejects', async () => {
    const message = timedReport('00431100AB', 1, 43);
    const socket = connect(sl651Port, '127.0.0.1');
    await once(socket, 'connect');
    socket.write(encodeMessage(message)[0]);
    const rejects = await until('the reject', async () => {
      const res = await sys.get<Reject[]>('/api/ingest/rejects?reason=bad_station_address', token);
      return res.body.length ? res.body : null;
    });
    socket.destroy();
    expect(rejects[0]).toMatchObject({ topic: 'sl651/00431100AB/up', reason: 'bad_station_address' });
    expect(rejects[0].payload).toMatch(/^7E7E/);
  });
});
