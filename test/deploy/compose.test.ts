// What can be checked of the production deployment without a Docker engine: docker-compose.yml, .env.example,
// the image, the proxy and broker configuration, and the sizing table. The broker's per-station ACL is checked
// against a real Mosquitto when one is installed (`mosquitto` on PATH), with deploy/mosquitto/entrypoint.sh.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '@yz/platform';
import { load } from 'js-yaml';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/system.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  entrypoint?: string[];
  env_file?: string | string[];
  environment?: Record<string, string> | string[];
  healthcheck?: { test: string[] | string };
  depends_on?: Record<string, { condition: string }> | string[];
  ports?: string[];
  volumes?: string[];
}
interface Compose {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

const compose = load(read('docker-compose.yml')) as Compose;
const services = compose.services;
const envExample = parseEnvFile(read('.env.example'));

/** KEY=value lines; # comments and blank lines ignored (the subset of the .env format the example uses). */
function parseEnvFile(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('#')) continue;
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(trimmed);
    if (!m) throw new Error(`.env.example: not KEY=value: ${line}`);
    env[m[1]] = m[2];
  }
  return env;
}

/** Every string in a parsed YAML value, with its path. */
function* strings(value: unknown, path = ''): Generator<[string, string]> {
  if (typeof value === 'string') yield [path, value];
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* strings(v, `${path}[${i}]`);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) yield* strings(v, path ? `${path}.${k}` : k);
}

// Compose interpolation: ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error}, ${VAR?error}; $$ is a literal $.
const VARIABLE = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}/g;

function variablesOf(text: string): string[] {
  return [...text.matchAll(VARIABLE)].filter((m) => m[1]).map((m) => m[1]);
}

function interpolate(text: string, env: Record<string, string>): string {
  return text.replace(VARIABLE, (_whole, name: string | undefined, op: string | undefined, arg: string) => {
    if (!name) return '$';
    const value = env[name];
    const missing = op?.startsWith(':') ? !value : value === undefined;
    if (op?.endsWith('-') && missing) return arg;
    if (op?.endsWith('?') && missing) throw new Error(`${name}: ${arg}`);
    return value ?? '';
  });
}

function environmentOf(service: Service): Record<string, string> {
  const env = service.environment ?? {};
  if (Array.isArray(env)) return Object.fromEntries(env.map((kv) => [kv.split('=')[0], kv.slice(kv.indexOf('=') + 1)]));
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v)]));
}

/** What a container of this service gets: its env_file (.env, here .env.example) overlaid with `environment`. */
function containerEnv(service: Service): Record<string, string> {
  const fromFile = service.env_file ? envExample : {};
  const own = Object.fromEntries(
    Object.entries(environmentOf(service)).map(([k, v]) => [k, interpolate(v, envExample)]),
  );
  return { ...fromFile, ...own };
}

const byCommand = (word: string) =>
  Object.entries(services).filter(([, s]) => s.command?.join(' ') === `npm start -w ${word}`);
const ingests = byCommand('ingest');
const backends = byCommand('backend');
const apps = [...ingests, ...backends];

describe('docker-compose.yml', () => {
  it('has the database, broker, redis, two ingest, two backend replicas and the proxy', () => {
    expect(Object.keys(services)).toEqual(expect.arrayContaining(['timescaledb', 'mqtt', 'redis', 'proxy']));
    expect(services.timescaledb.image).toMatch(/^timescale\/timescaledb:2\.\d+\.\d+-pg1[6-7]$/);
    expect(services.mqtt.image).toMatch(/^eclipse-mosquitto:2/);
    expect(services.redis.image).toMatch(/^redis:7/);
    expect(ingests).toHaveLength(2);
    expect(backends).toHaveLength(2);
    for (const [, s] of apps) {
      expect(s.build?.dockerfile).toBe('deploy/Dockerfile');
      expect(s.env_file).toBe('.env');
    }
  });

  it('gives every service a health check, and starts nothing before what it needs is healthy', () => {
    for (const [name, s] of Object.entries(services)) {
      expect(s.healthcheck?.test, `${name} has no healthcheck`).toBeDefined();
      if (s.depends_on) {
        expect(Array.isArray(s.depends_on), `${name}: depends_on without conditions`).toBe(false);
        for (const [dep, { condition }] of Object.entries(s.depends_on as Record<string, { condition: string }>)) {
          expect(services[dep], `${name} depends on unknown ${dep}`).toBeDefined();
          expect(condition, `${name} → ${dep}`).toBe('service_healthy');
        }
      }
    }
    for (const [name, s] of apps) {
      expect(Object.keys(s.depends_on ?? {}), name).toEqual(expect.arrayContaining(['timescaledb', 'mqtt']));
    }
    for (const [name] of backends) expect(Object.keys(services[name].depends_on ?? {})).toContain('redis');
    expect(Object.keys(services.proxy.depends_on ?? {})).toEqual(backends.map(([n]) => n));
    expect(JSON.stringify(services.timescaledb.healthcheck)).toMatch(/pg_isready/);
    for (const [, s] of backends) expect(JSON.stringify(s.healthcheck)).toMatch(/\/api\/health/);
  });

  it('runs the ingest replicas in one shared-subscription group with distinct, stable client ids', () => {
    const envs = ingests.map(([, s]) => containerEnv(s));
    expect(envs[0].INGEST_SHARED_GROUP).toBeTruthy();
    expect(envs[1].INGEST_SHARED_GROUP).toBe(envs[0].INGEST_SHARED_GROUP);
    expect(envs[0].INGEST_CLIENT_ID).toBeTruthy();
    expect(envs[1].INGEST_CLIENT_ID).toBeTruthy();
    expect(envs[0].INGEST_CLIENT_ID).not.toBe(envs[1].INGEST_CLIENT_ID);
    // Literal, not derived from a container id: the broker keeps each replica's session under it across restarts.
    for (const [name, s] of ingests) expect(environmentOf(s).INGEST_CLIENT_ID, name).not.toMatch(/\$/);
  });

  it('connects every backend to Redis, every service to the servers, and simulates nothing', () => {
    for (const [name, s] of backends) expect(containerEnv(s).REDIS_URL, name).toMatch(/^redis:\/\/.*@redis:6379/);
    for (const [name, s] of apps) {
      const env = containerEnv(s);
      expect(env.DATABASE_URL, name).toMatch(/^postgres:\/\/.+@timescaledb:5432\//);
      expect(env.MQTT_URL, name).toBe('mqtt://mqtt:1883');
      expect(env.SIMULATE, name).toBe('0');
    }
  });

  it('holds no literal secret: credentials are ${VAR} references only', () => {
    const secretKey = /PASSWORD|SECRET|TOKEN|_KEY$|AUTH/;
    for (const [path, value] of strings(compose)) {
      const key = path.split('.').pop() ?? '';
      if (secretKey.test(key)) expect(value, path).toMatch(/^\$\{[A-Z_]+(:\?[^}]*)?\}$/);
      // user:password@ in a URL: the password part must be a reference.
      const cred = /:\/\/[^/:@\s]*:([^@\s]+)@/.exec(value);
      if (cred) expect(cred[1], path).toMatch(/^\$\{[A-Z_]+(:\?[^}]*)?\}$/);
      expect(value, path).not.toMatch(/change-me/);
    }
    // Nor in the broker and proxy configuration mounted from deploy/.
    const mounted = read('deploy/mosquitto/mosquitto.conf') + read('deploy/nginx/nginx.conf');
    expect(mounted.replace(/^\s*#.*$/gm, '')).not.toMatch(/password\s+\S/i);
  });

  it('uses only variables that .env.example lists', () => {
    const used = new Set<string>();
    for (const [, value] of strings(compose)) for (const name of variablesOf(value)) used.add(name);
    expect(used.size).toBeGreaterThan(5);
    const missing = [...used].filter((name) => !(name in envExample));
    expect(missing).toEqual([]);
  });

  it('interpolates with .env.example into a configuration every service accepts', () => {
    for (const [name, s] of apps) {
      const env = containerEnv(s);
      const config = loadConfig(env);
      expect(config.databaseUrl, name).toBeDefined();
      expect(config.mqttUrl, name).toBe('mqtt://mqtt:1883');
      expect(config.simulate, name).toBe(false);
      expect(config.adminPassword, name).toBe(envExample.ADMIN_PASSWORD);
      expect(config.mqttUsername, name).toBe(envExample.MQTT_USERNAME);
      expect(config.mqttPassword, name).toBe(envExample.MQTT_PASSWORD);
      if (name.startsWith('ingest')) {
        expect(config.ingestSharedGroup, name).toBe(envExample.INGEST_SHARED_GROUP);
        expect(config.ingestClientId, name).toBe(env.INGEST_CLIENT_ID);
      } else {
        expect(config.redisUrl, name).toMatch(/^redis:/);
      }
    }
  });

  it('refuses to start without the secrets (${VAR:?…})', () => {
    const { POSTGRES_PASSWORD: _omitted, ...withoutPassword } = envExample;
    const [, backend] = backends[0];
    expect(() => interpolate(environmentOf(backend).DATABASE_URL, withoutPassword)).toThrow(/POSTGRES_PASSWORD/);
  });

  it('publishes only the proxy (80/443) and MQTT over TLS (8883), and keeps data in named volumes', () => {
    const published = Object.entries(services).flatMap(([name, s]) =>
      (s.ports ?? []).map((p) => `${name}:${interpolate(p, envExample)}`),
    );
    expect(published.sort()).toEqual(['mqtt:8883:8883', 'proxy:443:443', 'proxy:80:80']);
    const named = Object.keys(compose.volumes ?? {});
    expect(services.timescaledb.volumes?.some((v) => named.includes(v.split(':')[0]))).toBe(true);
    expect(services.mqtt.volumes?.some((v) => named.includes(v.split(':')[0]))).toBe(true);
  });
});

describe('.env.example', () => {
  it('holds placeholders only', () => {
    for (const [key, value] of Object.entries(envExample)) {
      if (/PASSWORD|SECRET|TOKEN/.test(key)) expect(value, key).toMatch(/^change-me/);
    }
  });

  it('lists nothing the configuration parser rejects on its own', () => {
    expect(() => loadConfig({ ...envExample })).not.toThrow();
  });
});

describe('deploy/ files', () => {
  it('builds one image from node:20-bookworm-slim with npm ci and runs it as a non-root user', () => {
    const dockerfile = read('deploy/Dockerfile');
    const froms = [...dockerfile.matchAll(/^FROM\s+(\S+)/gm)].map((m) => m[1]);
    expect(froms.every((f) => f === 'node:20-bookworm-slim')).toBe(true);
    expect(dockerfile).toMatch(/^RUN npm ci\b/m);
    expect(dockerfile).toMatch(/npm run build/);
    const users = [...dockerfile.matchAll(/^USER\s+(\S+)/gm)].map((m) => m[1]);
    expect(users.at(-1)).toBeDefined();
    expect(users.at(-1)).not.toMatch(/^(root|0)$/);
    expect(read('deploy/Dockerfile.dockerignore')).toMatch(/^\.env$/m);
  });

  it('balances both backends stickily and upgrades Socket.IO to WebSocket', () => {
    const conf = read('deploy/nginx/nginx.conf');
    const upstream = /upstream backend \{([^}]*)\}/.exec(conf)?.[1] ?? '';
    expect(upstream).toMatch(/^\s*ip_hash;/m);
    for (const [name] of backends) expect(upstream).toContain(`server ${name}:3000`);
    const socketIo = /location \/socket\.io\/ \{([^}]*)\}/.exec(conf)?.[1] ?? '';
    expect(socketIo).toMatch(/proxy_set_header Upgrade \$http_upgrade;/);
    expect(socketIo).toMatch(/proxy_set_header Connection \$connection_upgrade;/);
    expect(conf).toMatch(/proxy_http_version 1\.1;/);
    expect(conf).toMatch(/listen 443 ssl;/);
  });

  it('lets a station publish only its own telemetry topic', () => {
    expect(read('deploy/mosquitto/acl.template')).toMatch(/^pattern write @PREFIX@reservoirs\/%u\/telemetry$/m);
    expect(read('deploy/mosquitto/mosquitto.conf')).toMatch(/^allow_anonymous false$/m);
  });

  it('keeps deploy/SIZING.md in step with deploy/sizing.mjs', () => {
    const table = execFileSync(process.execPath, [join(ROOT, 'deploy/sizing.mjs')], { encoding: 'utf8' }).trim();
    expect(table).toMatch(/\| device connections \(RTUs\) \| 1,695 \| 123,130 \|/);
    expect(read('deploy/SIZING.md')).toContain(table);
  });
});

// A real Mosquitto with the deployment's configuration, password and ACL files, as entrypoint.sh writes them.
const hasMosquitto =
  spawnSync('sh', ['-c', 'command -v mosquitto && command -v mosquitto_passwd'], { stdio: 'ignore' }).status === 0;

describe.skipIf(!hasMosquitto)('deploy/mosquitto with a real Mosquitto', () => {
  let dir: string;
  let broker: ChildProcess;
  let url: string;
  let log = '';
  const clients: MqttClient[] = [];
  const service = { username: 'yz-service', password: 'service-pass-1' };
  const stations = { '431102-0001': 'station-pass-1', '431102-0002': 'station-pass-2' };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'yz-mosquitto-'));
    chmodSync(dir, 0o755); // Mosquitto started as root drops to its own user, which must reach the files.
    const config = join(dir, 'config');
    mkdirSync(config);
    for (const f of ['mosquitto.conf', 'acl.template'])
      copyFileSync(join(ROOT, 'deploy/mosquitto', f), join(config, f));
    for (const [user, pass] of Object.entries(stations))
      execFileSync('mosquitto_passwd', [
        ...(user.endsWith('1') ? ['-c'] : []),
        '-b',
        join(config, 'stations.passwd'),
        user,
        pass,
      ]);
    const port = await freePort();
    url = `mqtt://127.0.0.1:${port}`;
    broker = spawn('sh', [join(ROOT, 'deploy/mosquitto/entrypoint.sh')], {
      env: {
        PATH: `${process.env.PATH}:/usr/sbin:/sbin`,
        MOSQUITTO_ROOT: dir,
        MOSQUITTO_CONFIG_DIR: config,
        MOSQUITTO_PORT: String(port),
        MQTT_USERNAME: service.username,
        MQTT_PASSWORD: service.password,
        MQTT_TOPIC_PREFIX: '',
      },
    });
    broker.stdout?.on('data', (d: Buffer) => (log += d));
    broker.stderr?.on('data', (d: Buffer) => (log += d));
    const deadline = Date.now() + 10_000;
    for (;;) {
      try {
        await connect(service.username, service.password);
        break;
      } catch (err) {
        if (Date.now() > deadline) throw new Error(`broker did not start: ${(err as Error).message}\n${log}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.endAsync(true)));
    if (broker && broker.exitCode === null && broker.signalCode === null) {
      // Mosquitto writes its persistence file as it exits: remove the folder only after that.
      const exited = new Promise((r) => broker.once('exit', r));
      broker.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function connect(username: string, password: string): Promise<MqttClient> {
    const client = await mqtt.connectAsync(url, {
      username,
      password,
      protocolVersion: 5,
      reconnectPeriod: 0,
      connectTimeout: 3000,
    });
    clients.push(client);
    return client;
  }

  it('refuses anonymous clients and wrong passwords', async () => {
    await expect(mqtt.connectAsync(url, { protocolVersion: 5, reconnectPeriod: 0 })).rejects.toThrow();
    await expect(
      mqtt.connectAsync(url, { protocolVersion: 5, reconnectPeriod: 0, username: '431102-0001', password: 'wrong' }),
    ).rejects.toThrow();
  });

  it('delivers a station’s own telemetry to the shared ingest group and drops what it publishes for another', async () => {
    const ingest = await connect(service.username, service.password);
    const received: string[] = [];
    ingest.on('message', (topic, payload) => received.push(`${topic} ${payload.toString()}`));
    const granted = await ingest.subscribeAsync('$share/ingest/reservoirs/+/telemetry', { qos: 1 });
    expect(granted[0].qos).toBe(1);

    const station = await connect('431102-0001', stations['431102-0001']);
    await station.publishAsync('reservoirs/431102-0002/telemetry', 'forged', { qos: 1 }).catch(() => undefined);
    await station.publishAsync('reservoirs/431102-0001/telemetry', 'own', { qos: 1 });
    // The own message, published after the forged one, is the sentinel: once it is here, the forged one is not coming.
    await expect.poll(() => received).toContain('reservoirs/431102-0001/telemetry own');
    expect(received).toEqual(['reservoirs/431102-0001/telemetry own']);
  });

  it('does not let a station read other stations’ telemetry', async () => {
    // Mosquitto 2.0 grants the subscription but checks `read` on every delivery: nothing arrives.
    const snooper = await connect('431102-0002', stations['431102-0002']);
    const received: string[] = [];
    snooper.on('message', (topic) => received.push(topic));
    await snooper.subscribeAsync('reservoirs/+/telemetry', { qos: 1 });
    const reader = await connect(service.username, service.password);
    const routed: string[] = [];
    reader.on('message', (topic) => routed.push(topic));
    await reader.subscribeAsync('reservoirs/431102-0001/telemetry', { qos: 1 });
    const station = await connect('431102-0001', stations['431102-0001']);
    await station.publishAsync('reservoirs/431102-0001/telemetry', 'own', { qos: 1 });
    // Once the broker has routed the message (the service account has it), a round trip on the snooper's own
    // connection comes back after anything the broker sent it before.
    await expect.poll(() => routed).toEqual(['reservoirs/431102-0001/telemetry']);
    await snooper.unsubscribeAsync('reservoirs/+/telemetry');
    expect(received).toEqual([]);
  });
});
