import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort, ROOT } from './system.js';

/** A service process (`node app/dist/backend.js` or `node ingest/dist/main.js`) with its output kept for errors. */
export class ServiceProcess {
  private child: ChildProcess | undefined;
  private out = '';

  constructor(
    private readonly script: string,
    readonly env: Record<string, string>,
  ) {}

  start(): this {
    this.child = spawn(process.execPath, [this.script], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'warn', ...this.env },
    });
    this.child.stdout!.on('data', (d: Buffer) => (this.out += d.toString()));
    this.child.stderr!.on('data', (d: Buffer) => (this.out += d.toString()));
    // Unheard, a failure to spawn or signal would end the test run as an uncaught error outside any test.
    this.child.on('error', (err) => (this.out += `\n${err.message}\n`));
    return this;
  }

  output(): string {
    return this.out;
  }

  /** SIGKILL: no chance to commit or disconnect cleanly. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    await new Promise((r) => child.once('exit', r));
  }
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false>,
  ms = 60_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const v = await probe().catch(() => undefined);
    if (v) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out after ${ms} ms waiting for ${what}`);
}

/** A fresh database on the machine's PostgreSQL, dropped by `drop()`. */
export async function scratchDatabase(serverUrl: string, name: string) {
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    await c.query(sql).finally(() => c.end());
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
  // An idle connection that dies (the server ends it) must not end the test run; the next query reports it.
  pool.on('error', () => undefined);
  return {
    url: url.toString(),
    pool,
    async count(sql: string, params: unknown[] = []): Promise<number> {
      const { rows } = await pool.query<{ n: number }>(sql, params);
      return Number(rows[0].n);
    },
    async drop() {
      await pool.end();
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** A private Mosquitto with persistence, which a test may stop and start again on the same port and store. */
export async function privateMosquitto() {
  const dir = mkdtempSync(join(tmpdir(), 'yz-mosquitto-'));
  // Mosquitto started as root drops to its own user, which must be able to write the persistence file.
  chmodSync(dir, 0o777);
  const port = await freePort();
  const conf = join(dir, 'mosquitto.conf');
  writeFileSync(
    conf,
    [
      `listener ${port} 127.0.0.1`,
      'allow_anonymous true',
      'persistence true',
      `persistence_location ${dir}/`,
      'max_queued_messages 0',
      'log_dest none',
    ].join('\n') + '\n',
  );
  let child: ChildProcess | undefined;
  const broker = {
    url: `mqtt://127.0.0.1:${port}`,
    async start() {
      child = spawn('mosquitto', ['-c', conf], { stdio: 'ignore' });
      child.on('error', () => undefined); // not started: waitFor below says so
      await waitFor('mosquitto listening', () => canConnect(port), 10_000);
    },
    /** SIGTERM: Mosquitto writes its persistence file (sessions and queued messages) before exiting. */
    async stop() {
      if (!child || child.exitCode !== null) return;
      const c = child;
      c.kill('SIGTERM');
      await new Promise((r) => c.once('exit', r));
    },
    async remove() {
      await broker.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await broker.start();
  return broker;
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1', () => {
      s.end();
      resolve(true);
    });
    s.on('error', () => resolve(false));
  });
}

/**
 * A TCP relay in front of a server that can be cut (connections dropped, new ones refused) and restored, or paused:
 * a black hole where connections stay open and nothing gets through either way, until resumed.
 */
export async function tcpRelay(target: { host: string; port: number }) {
  const sockets = new Set<Socket>();
  let open = true;
  let paused = false;
  const server: Server = createServer((client) => {
    client.on('error', () => undefined); // a reset from either side is what this relay is for
    if (!open) return client.destroy();
    const upstream = connect(target.port, target.host);
    sockets.add(client).add(upstream);
    const close = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.pipe(upstream).pipe(client);
    // After pipe(), which starts the flow.
    if (paused) {
      client.pause();
      upstream.pause();
    }
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    cut() {
      open = false;
      for (const s of sockets) s.destroy();
    },
    restore() {
      open = true;
    },
    pause() {
      paused = true;
      for (const s of sockets) s.pause();
    },
    resume() {
      paused = false;
      for (const s of sockets) s.resume();
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
