import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// The repository root, whether this runs from test/support (vitest) or compiled in test/dist/support (benchmarks).
const HERE = fileURLToPath(new URL('.', import.meta.url));
export const ROOT = resolve(HERE, HERE.includes('/test/dist/') ? '../../..' : '../..');

// Listen ports come from below the kernel's ephemeral range (32768–60999 on Linux): a port that `listen(0)` found
// free can be taken by any outgoing connection before the system under test binds it (CI lost a run to that). Below
// the range only another test's pick can take it, so each vitest worker picks from its own slice.
const FIRST_PORT = 20_000;
const SLICE = 800;
const slice = Number(process.env.VITEST_POOL_ID ?? process.pid) % 15;
let nextInSlice = Math.floor(Math.random() * SLICE);

export async function freePort(): Promise<number> {
  for (let tries = 0; tries < SLICE; tries++) {
    const port = FIRST_PORT + slice * SLICE + (nextInSlice++ % SLICE);
    if (await canListen(port)) return port;
  }
  throw new Error(`no free port in ${FIRST_PORT + slice * SLICE}–${FIRST_PORT + (slice + 1) * SLICE - 1}`);
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

export interface RunningSystem {
  url: string;
  /** The system process (e.g. to read its memory from /proc). */
  pid: number;
  mqttUrl: string;
  topicPrefix: string;
  adminPassword: string;
  /** The scratch database on the PostgreSQL server, when the system runs on one. */
  databaseUrl: string | undefined;
  output(): string;
  login(username?: string, password?: string): Promise<string>;
  get<T>(path: string, token: string): Promise<{ status: number; body: T }>;
  post<T>(path: string, token: string | null, body: unknown): Promise<{ status: number; body: T }>;
  put<T>(path: string, token: string, body: unknown): Promise<{ status: number; body: T }>;
  /** SIGTERM, as Ctrl-C; resolves with the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL, as a crash or power cut: nothing is committed or closed; then cleans up as `stop` does. */
  kill(): Promise<void>;
}

export interface SystemOptions {
  /** Use this PostgreSQL server (a fresh database is created and dropped); default: the embedded database. */
  postgresUrl?: string;
  /** Use this broker (with a unique topic prefix); default: the embedded broker on a free port. */
  mqttUrl?: string;
  env?: Record<string, string>;
  /** Reuse this data directory (and leave it in place on stop), e.g. to restart on the same data. */
  dataDir?: string;
  /** How long start-up may take (default 90 s); benchmarks on a busy machine allow more. */
  startTimeoutMs?: number;
}

/** Starts `npm start`'s process (the built all-in-one) on free ports and a private data directory. */
export async function startSystem(opts: SystemOptions = {}): Promise<RunningSystem> {
  const port = await freePort();
  const mqttPort = await freePort();
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'yz-test-'));
  const id = `t${process.pid}_${Date.now().toString(36)}`;
  const adminPassword = 'test-admin-pass';
  let databaseUrl: string | undefined;
  if (opts.postgresUrl) databaseUrl = await createDatabase(opts.postgresUrl, id);
  const topicPrefix = opts.mqttUrl ? `${id}/` : '';
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    MQTT_PORT: String(mqttPort),
    SL651_PORT: String(await freePort()),
    DATA_DIR: dataDir,
    SIMULATE: '0',
    ADMIN_PASSWORD: adminPassword,
    MQTT_TOPIC_PREFIX: topicPrefix,
    INGEST_CLIENT_ID: `yz-ingest-${id}`,
    LOG_LEVEL: 'warn',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...(opts.mqttUrl ? { MQTT_URL: opts.mqttUrl } : {}),
    ...opts.env,
  };
  const child: ChildProcess = spawn(process.execPath, ['app/dist/all-in-one.js'], { cwd: ROOT, env });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<number | null> => {
    if (child.exitCode === null && child.signalCode === null) {
      // A graceful stop commits what ingest holds; past 20 s something is stuck, and the test is over anyway.
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    }
    if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    if (opts.postgresUrl && databaseUrl) await dropDatabase(opts.postgresUrl, id);
    return child.exitCode;
  };
  try {
    await waitForHealth(url, child, () => out, opts.startTimeoutMs ?? 90_000);
  } catch (err) {
    await stop();
    throw err;
  }
  const request = async <T>(method: string, path: string, token: string | null, body?: unknown) => {
    const res = await fetch(url + path, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  };
  return {
    url,
    pid: child.pid!,
    mqttUrl: opts.mqttUrl ?? `mqtt://127.0.0.1:${mqttPort}`,
    topicPrefix,
    adminPassword,
    databaseUrl,
    output: () => out,
    async login(username = 'admin', password = adminPassword) {
      const res = await request<{ accessToken: string }>('POST', '/api/auth/login', null, { username, password });
      if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status}`);
      return res.body.accessToken;
    },
    get: (path, token) => request('GET', path, token),
    post: (path, token, body) => request('POST', path, token, body),
    put: (path, token, body) => request('PUT', path, token, body),
    stop,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGKILL');
        await exited;
      }
      await stop(); // cleans up only: the process is gone
    },
  };
}

async function waitForHealth(url: string, child: ChildProcess, out: () => string, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`system exited with ${child.exitCode}:\n${out()}`);
    const ok = await fetch(`${url}/api/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`system not healthy within ${ms / 1000} s:\n${out()}`);
}

/** The machine's PostgreSQL, when it is there (CI and developer machines); tests that need it skip otherwise. */
export const POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const MOSQUITTO_URL = process.env.TEST_MQTT_URL ?? 'mqtt://127.0.0.1:1883';

async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function createDatabase(serverUrl: string, id: string): Promise<string> {
  await adminQuery(serverUrl, `CREATE DATABASE yz_${id}`);
  const u = new URL(serverUrl);
  u.pathname = `/yz_${id}`;
  return u.toString();
}

async function dropDatabase(serverUrl: string, id: string): Promise<void> {
  await adminQuery(serverUrl, `DROP DATABASE IF EXISTS yz_${id} WITH (FORCE)`);
}

export async function reachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  const { connect } = await import('node:net');
  return new Promise((resolve) => {
    const s = connect(Number(port), hostname, () => {
      s.end();
      resolve(true);
    });
    s.on('error', () => resolve(false));
  });
}
