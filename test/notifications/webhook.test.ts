import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAlert, openDatabase, selectAlerts, toAlertRecord, type OpenDatabase } from '@yz/platform';
import { generateRegistry, loadRegistry } from '@yz/seeds';
import type { AlertRecord } from '@yz/domain';
import { Notifier, WebhookChannel } from '@yz/ingest';

const SERVER = 'postgres://postgres@127.0.0.1:5432/test';
const up = await new Promise<boolean>((resolve) => {
  const s = connect(5432, '127.0.0.1', () => (s.end(), resolve(true)));
  s.on('error', () => resolve(false));
});

interface Received {
  phone: string;
  name: string;
  text: string;
  alertId: string;
  severity: string;
  status: number;
}
interface LogRow {
  recipient_role: string;
  phone: string;
  severity: string;
  level: number;
  status: string;
  attempts: number;
  last_error: string | null;
  sent_at: Date | null;
}

/** An SMS gateway stand-in that fails its first request with 500 and accepts everything after. */
function startReceiver(): Promise<{ server: Server; url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      const status = received.length === 0 ? 500 : 200;
      received.push({ ...(JSON.parse(body) as Omit<Received, 'status'>), status });
      res.writeHead(status, { 'content-type': 'application/json' }).end('{}');
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({ server, url: `http://127.0.0.1:${port}/sms`, received });
    }),
  );
}

describe.skipIf(!up)('notifications through a webhook, on PostgreSQL', () => {
  const dbName = `yz_notify_${process.pid}_${Date.now().toString(36)}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'yz-notify-'));
  let admin: pg.Client;
  let db: OpenDatabase;
  let pool: pg.Pool;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let reservoir: { code: string; area_code: string; other_area: string };
  let clock = new Date('2026-07-01T00:00:00Z');
  const min = (m: number) => new Date(Date.parse('2026-07-01T00:00:00Z') + m * 60_000);
  const notifiers: Notifier[] = [];
  const notifier = () => {
    const n = new Notifier(db.db, new WebhookChannel(receiver.url, 2000), {
      retry: { attempts: 3, baseDelayMs: 20 },
      sweepIntervalMs: 0,
      now: () => clock,
      logger: { warn: (m: string) => console.warn(m) },
    });
    notifiers.push(n);
    return n;
  };
  const openAlert = async (severity: string, ruleKey: string): Promise<AlertRecord> => {
    const { rows } = await pool.query<{ id: string }>(
      `INSERT INTO alerts (reservoir_code, rule_key, type, severity, opened_at, updated_at, value, threshold,
                           message_zh, message_en)
       VALUES ($1, $2, 'water_level', $3, $4, $4, 312.5, 312, '水位 312.50 m，超设计洪水位 312.00 m（橙色预警）',
               'Water level 312.50 m') RETURNING id::text`,
      [reservoir.code, ruleKey, severity, clock],
    );
    return alertById(rows[0].id);
  };
  const alertById = async (id: string): Promise<AlertRecord> => (await findAlert(db.db, id))!;
  const log = async (alertId: string) =>
    (
      await pool.query<LogRow>(
        `SELECT recipient_role, phone, severity, level, status, attempts, last_error, sent_at FROM notifications
         WHERE alert_id = $1 ORDER BY id`,
        [alertId],
      )
    ).rows;

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: SERVER });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    const url = new URL(SERVER);
    url.pathname = `/${dbName}`;
    db = await openDatabase({ databaseUrl: url.toString(), dataDir }, { log: () => undefined, warn: () => undefined });
    await loadRegistry(db.db, generateRegistry());
    pool = db.pool;
    reservoir = (
      await pool.query<{ code: string; area_code: string; other_area: string }>(
        `SELECT code, area_code, (SELECT code FROM areas WHERE code <> r.area_code LIMIT 1) AS other_area
         FROM reservoirs r ORDER BY code LIMIT 1`,
      )
    ).rows[0];
    await pool.query(
      `INSERT INTO users (username, display_name, password_hash, role, area_code, phone) VALUES
         ('duty_county', '县值班员', 'x', 'duty_officer', $1, '13900000001'),
         ('duty_city', '市值班员', 'x', 'duty_officer', NULL, '13900000002'),
         ('duty_elsewhere', '他县值班员', 'x', 'duty_officer', $2, '13900000003'),
         ('duty_nophone', '无电话值班员', 'x', 'duty_officer', $1, NULL),
         ('engineer1', '工程师', 'x', 'engineer', $1, '13900000004')`,
      [reservoir.area_code, reservoir.other_area],
    );
    receiver = await startReceiver();
  });

  afterAll(async () => {
    await Promise.all(notifiers.map((n) => n.stop()));
    receiver?.server.close();
    await db?.close();
    await admin?.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin?.end();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('tells a warning to patrol and management, retrying after the gateway fails, and logs each message', async () => {
    const persons = (
      await pool.query<{ role: string; phone: string }>(
        `SELECT role, phone FROM responsible_persons WHERE reservoir_code = $1`,
        [reservoir.code],
      )
    ).rows;
    const phoneOf = (role: string) => persons.find((p) => p.role === role)!.phone;
    const n = notifier();
    const alert = await openAlert('warning', 'water_level');
    await n.onAlert({ action: 'open', alert });

    expect(receiver.received).toHaveLength(3);
    expect(receiver.received[0].status).toBe(500);
    const delivered = receiver.received.filter((r) => r.status === 200);
    expect(delivered.map((r) => r.phone).sort()).toEqual([phoneOf('management'), phoneOf('patrol')].sort());
    expect(delivered[0]).toMatchObject({ alertId: alert.id, severity: 'warning' });
    expect(delivered[0].text).toMatch(/^【永州水库预警】.+\(\d{6}-\d{4}\) .*水位 312\.50 m.*请加强巡查、及时处置。$/);

    const rows = await log(alert.id);
    expect(rows.map((r) => r.recipient_role).sort()).toEqual(['management', 'patrol']);
    expect(rows.every((r) => r.status === 'sent' && r.level === 0 && r.sent_at !== null)).toBe(true);
    expect(rows.map((r) => r.attempts).sort()).toEqual([1, 2]);
    expect(rows.find((r) => r.attempts === 2)!.last_error).toContain('HTTP 500');
  });

  it('sends nothing again within the quiet period, then escalates after the ack timeout', async () => {
    const n = notifier();
    const alert = toAlertRecord(
      await selectAlerts(db.db).where('a.rule_key', '=', 'water_level').executeTakeFirstOrThrow(),
    );
    const sent = receiver.received.length;

    clock = min(5);
    await n.onAlert({ action: 'escalate', alert });
    await n.sweep(min(59));
    expect(receiver.received).toHaveLength(sent);

    clock = min(61);
    await n.sweep(min(61));
    const level1 = (await log(alert.id)).filter((r) => r.level === 1);
    // Department and the duty officers of the area and the city are added; patrol and management are reminded
    // since their quiet period is over. Another area's duty officer, one without a phone and engineers are not told.
    expect(level1.map((r) => r.recipient_role).sort()).toEqual([
      'department',
      'duty_officer',
      'duty_officer',
      'management',
      'patrol',
    ]);
    expect(level1.filter((r) => r.recipient_role === 'duty_officer').map((r) => r.phone)).toEqual(
      expect.arrayContaining(['13900000001', '13900000002']),
    );
    expect(level1.every((r) => r.status === 'sent')).toBe(true);
    expect(receiver.received.slice(sent).every((r) => r.text.includes('已 61 分钟未确认'))).toBe(true);

    // The same sweep again, or one by another process, sends nothing more.
    const after = receiver.received.length;
    await Promise.all([n.sweep(min(62)), notifier().sweep(min(62))]);
    expect(receiver.received).toHaveLength(after);
  });

  it('tells those already told again when the severity rises, and stops escalating once acknowledged', async () => {
    const n = notifier();
    clock = min(70);
    const { id } = (await pool.query<{ id: string }>(`SELECT id::text FROM alerts WHERE rule_key = 'water_level'`))
      .rows[0];
    await pool.query(`UPDATE alerts SET severity = 'major', updated_at = $2 WHERE id = $1`, [id, clock]);
    await n.onAlert({ action: 'escalate', alert: await alertById(id) });
    const major = (await log(id)).filter((r) => r.severity === 'major');
    expect(major.map((r) => r.recipient_role).sort()).toEqual(['department', 'management', 'patrol']);

    await pool.query(`UPDATE alerts SET state = 'acknowledged', acknowledged_at = $2 WHERE id = $1`, [id, clock]);
    const before = receiver.received.length;
    await n.sweep(min(600));
    expect(receiver.received).toHaveLength(before);
  });

  it('sends each message once when several processes react to the same critical alert', async () => {
    clock = min(100);
    const alert = await openAlert('critical', 'seepage_pressure:SP1');
    const before = receiver.received.length;
    await Promise.all([notifier(), notifier(), notifier()].map((n) => n.onAlert({ action: 'open', alert })));
    const phones = receiver.received.slice(before).map((r) => r.phone);
    expect(phones).toHaveLength(6);
    expect(new Set(phones).size).toBe(6);
    expect((await log(alert.id)).map((r) => r.recipient_role).sort()).toEqual([
      'department',
      'duty_officer',
      'duty_officer',
      'government',
      'management',
      'patrol',
    ]);
  });
});
