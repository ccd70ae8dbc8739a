import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, type RunningSystem } from '../support/system.js';

type Reject = { topic: string; reason: string; payload: string };
type Points = { points: [string, number][] };

/** Issue 12: telemetry that once stopped ingestion, was stored wrongly or flooded the reject log. */
describe('hostile telemetry input', () => {
  let sys: RunningSystem;
  let token: string;
  let code: string;
  let client: MqttClient;

  beforeAll(async () => {
    sys = await startSystem();
    token = await sys.login();
    code = (await sys.get<{ code: string }[]>('/api/reservoirs?county=431126', token)).body[0].code;
    client = await mqtt.connectAsync(sys.mqttUrl);
  });
  afterAll(async () => {
    await client?.endAsync();
    await sys?.stop();
  });

  const storedAt = async (ts: string) => {
    const from = new Date(Date.parse(ts) - 1000).toISOString();
    const to = new Date(Date.parse(ts) + 1000).toISOString();
    const res = await sys.get<Points>(`/api/reservoirs/${code}/series?sensor=WL1&from=${from}&to=${to}`, token);
    return res.body.points;
  };

  // One NUL byte (in a payload, a topic or an SL 651 bridge topic) made the reject-log insert fail, the batch was
  // retried forever and no good reading was stored again.
  it('stores good readings after NUL payloads and topics, and logs the bad ones with their bytes escaped', async () => {
    const reading = (ts: string) => JSON.stringify({ readings: [{ sensor: 'WL1', value: 101.5, ts }] });
    const ts = new Date(Date.now() - 60_000).toISOString();
    // A trailing NUL (a plausible firmware bug), a NUL inside a sensor name, a NUL in the topic and in a bridge topic.
    await client.publishAsync(`reservoirs/${code}/telemetry`, Buffer.from(reading(ts) + '\0'), { qos: 1 });
    await client.publishAsync(
      `reservoirs/${code}/telemetry`,
      Buffer.from(`{"readings":[{"sensor":"WL\u00001","value":1,"ts":"${ts}"}]}`),
      { qos: 1 },
    );
    await client.publishAsync(`reservoirs/${code}\0/telemetry`, Buffer.from(reading(ts)), { qos: 1 });
    await client.publishAsync('sl651/12\u000034/up', Buffer.from('7E7E00'), { qos: 1 });
    const good = new Date(Date.now() - 30_000).toISOString();
    await client.publishAsync(`reservoirs/${code}/telemetry`, reading(good), { qos: 1 });

    await expect.poll(() => storedAt(good), { timeout: 20_000 }).toHaveLength(1);
    const rejects = await sys.get<Reject[]>('/api/ingest/rejects?limit=50', token);
    const withNul = rejects.body.filter((r) => r.topic.includes('\\u0000') || r.payload.includes('\\u0000'));
    expect(withNul.length).toBeGreaterThanOrEqual(3);
    expect(rejects.body.some((r) => r.topic.startsWith('sl651/12\\u000034'))).toBe(true);
  });

  it('rejects 30 February instead of storing it as 2 March', async () => {
    const year = new Date().getUTCFullYear() - 1;
    await client.publishAsync(
      `reservoirs/${code}/telemetry`,
      JSON.stringify({ readings: [{ sensor: 'WL1', value: 101, ts: `${year}-02-30T10:00:00Z` }] }),
      { qos: 1 },
    );
    await expect
      .poll(async () => (await sys.get<Reject[]>('/api/ingest/rejects?reason=bad_time', token)).body, {
        timeout: 20_000,
      })
      .toHaveLength(1);
    expect(await storedAt(`${year}-03-02T10:00:00Z`)).toHaveLength(0);
  });

  it('logs a message with thousands of unknown sensors as one summarised row', async () => {
    const ts = new Date(Date.now() - 120_000).toISOString();
    // About 60 KB: under the 64 KB message limit, as in the finding.
    const readings = Array.from({ length: 2200 }, (_, i) => ({ sensor: `U${i}`, value: 1 }));
    const message = JSON.stringify({ ts, readings });
    expect(message.length).toBeLessThan(64 * 1024);
    await client.publishAsync(`reservoirs/${code}/telemetry`, message, { qos: 1 });
    const unknown = async () =>
      (await sys.get<(Reject & { detail: string })[]>(`/api/ingest/rejects?reason=unknown_sensor`, token)).body.filter(
        (r) => r.detail.includes('rejects in one message'),
      );
    await expect.poll(unknown, { timeout: 20_000 }).toHaveLength(1);
    expect((await unknown())[0].detail).toMatch(/^2200 rejects in one message \(unknown_sensor ×2200\)/);
  });
});
