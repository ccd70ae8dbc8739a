import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, describe, expect, it } from 'vitest';
import { startSystem, type RunningSystem } from '../support/system.js';

type Points = { points: [string, number][] };

/**
 * Issue 12, finding 2: the embedded broker acknowledged on receipt, so kill -9 during a QoS 1 stream lost readings
 * the stations had been told were received. Now its PUBACK waits for the commit: every acknowledged reading is
 * stored after a crash.
 */
describe('embedded mode acknowledges a reading only once it is stored', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'yz-ack-'));
  let sys: RunningSystem | undefined;
  afterAll(async () => {
    await sys?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses no acknowledged reading when the process is killed mid-stream', { timeout: 400_000 }, async () => {
    sys = await startSystem({ dataDir });
    let token = await sys.login();
    const code = (await sys.get<{ code: string }[]>('/api/reservoirs?county=431126', token)).body[0].code;
    const base = Math.floor(Date.now() / 1000) * 1000 - 3 * 3_600_000;
    const total = 6000;
    const acked: number[] = [];
    const client = await mqtt.connectAsync(sys.mqttUrl, { reconnectPeriod: 0 });
    client.on('error', () => undefined);
    let next = 0;
    let killed = false;
    const publisher = async () => {
      while (next < total && !killed) {
        const i = next++;
        const payload = JSON.stringify({ readings: [{ sensor: 'WL1', value: 100, ts: new Date(base + i * 1000) }] });
        await client.publishAsync(`reservoirs/${code}/telemetry`, payload, { qos: 1 });
        if (!killed) acked.push(i);
      }
    };
    // 100 messages in flight at a time, as many stations reporting together.
    for (let i = 0; i < 100; i++) publisher().catch(() => undefined);
    await expect.poll(() => acked.length, { timeout: 120_000, interval: 20 }).toBeGreaterThanOrEqual(1500);
    const running = sys;
    sys = undefined;
    await running.kill();
    killed = true;
    const ackedBeforeKill = [...acked];
    // Publishes still in flight never complete; ending the client drops them.
    client.end(true);

    sys = await startSystem({ dataDir });
    token = await sys.login();
    const from = new Date(base - 1000).toISOString();
    const to = new Date(base + total * 1000).toISOString();
    const stored = await sys.get<Points>(`/api/reservoirs/${code}/series?sensor=WL1&from=${from}&to=${to}`, token);
    const storedTimes = new Set(stored.body.points.map(([t]) => Date.parse(t)));
    const lost = ackedBeforeKill.filter((i) => !storedTimes.has(base + i * 1000));
    expect(ackedBeforeKill.length).toBeGreaterThanOrEqual(1500);
    expect(lost).toEqual([]);
  });
});
