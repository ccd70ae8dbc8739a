// `npm start`: the whole system in one process — database (embedded unless DATABASE_URL), broker (embedded
// unless MQTT_URL), ingest, the station simulator and the backend serving the dashboard.
import 'reflect-metadata';
import {
  analyzeTables,
  createLogger,
  loadConfig,
  LocalEventBus,
  openDatabase,
  refreshRollups,
  serviceOptions,
  setLogLevel,
  startEmbeddedBroker,
  startEmbeddedMaintenance,
  stopOnSignals,
  type EmbeddedBroker,
  type OpenDatabase,
} from '@yz/platform';
import { startBackend, type InProcessIngest } from '@yz/backend';
import {
  announceEvents,
  backfillHistory,
  connectAndRun,
  mqttSourceOptions,
  startIngest,
  type IngestService,
  type RunningSimulator,
} from '@yz/ingest';
import type { ReservoirSeed } from '@yz/domain';
import { generateRegistry, seedIfEmpty } from '@yz/seeds';
import type { Database } from '@yz/platform';
import type { Kysely } from 'kysely';
import { adminPassword, jwtSecret } from './admin-password.js';

const logger = createLogger('start');

async function main(): Promise<void> {
  const started = Date.now();
  const config = loadConfig();
  setLogLevel(config.logLevel);
  const options = serviceOptions(config, 'all-in-one');
  let broker: EmbeddedBroker | undefined;
  if (options.broker.embedded) broker = await startEmbeddedBroker(options.broker.embedded);
  const mqttUrl = options.broker.url ?? broker!.url;
  const db = await openDatabase(
    {
      ...options.database,
      afterMigrate: async (ds) => {
        if (await seedIfEmpty(ds, config.seedReservoirs)) {
          logger.log(`first start: registry of ${config.seedReservoirs} reservoirs loaded`);
        }
      },
    },
    logger,
  );
  const stopMaintenance =
    db.embedded && db.timescale
      ? startEmbeddedMaintenance(db.db, (what, err) => logger.warn(`${what} failed`, err))
      : undefined;
  const admin = adminPassword(config);
  const ingest = await startIngest(db.db, mqttSourceOptions(options, mqttUrl, broker), options.ingest);
  // Ingest tells the backend in this process of alerts and readings through the same events it would NOTIFY.
  const events = new LocalEventBus();
  const stopAnnouncing = announceEvents(ingest, events);
  let simulator: RunningSimulator | undefined;
  const simulationStarts = await simulationStart(db.db, config.simulateHistoryHours);
  const simulated = generateRegistry(undefined, config.seedReservoirs).reservoirs;
  if (config.simulate) {
    simulator = await connectAndRun(
      mqttUrl,
      simulated,
      {
        seed: SIMULATOR_SEED,
        speed: config.simulateSpeed,
        startTime: simulationStarts,
        topicPrefix: options.broker.topicPrefix,
        // One RTU in ten speaks SL 651 (running PT and PJ) over the MQTT bridge, so the demo takes that path too.
        sl651Share: 0.1,
      },
      options.broker,
    );
    ingest.alerts.holdOfflineSweep(simulator.simulator.caughtUp);
  }
  const app = await startBackend({
    config,
    db: db.db,
    timescale: db.timescale,
    embedded: db.embedded,
    brokerConnected: ingest.connected,
    events,
    ingest: inProcess(ingest),
    simulator: simulator?.simulator,
    catchingUp: simulator?.simulator.caughtUp,
    admin: { password: admin.password, reset: !admin.generated },
    jwtSecret: jwtSecret(config),
  });

  logger.log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`\n  Dashboard:  http://localhost:${config.port}/`);
  console.log(`  API docs:   http://localhost:${config.port}/api/docs`);
  if (admin.generated) console.log(`  Log in as admin with password: ${admin.password}`);
  else console.log('  Log in as admin with the password from ADMIN_PASSWORD');
  console.log(`  Simulated stations: ${config.simulate ? 'on (SIMULATE=0 to turn off)' : 'off'}\n`);
  if (config.simulate) {
    void backfillDamSafety(db, ingest, simulated, simulationStarts).catch((err: Error) =>
      logger.warn(`dam-safety history backfill failed: ${err.message}`),
    );
  }

  stopOnSignals(
    async () => {
      await simulator?.stop();
      await ingest.stop();
      stopAnnouncing();
      stopMaintenance?.();
      await app.close();
      await db.close();
      await broker?.close();
    },
    (message) => logger.log(message),
  );
}

/**
 * The simulator fills the last `historyHours` (24 by default) on a first start; after a restart it carries on from the
 * newest stored reading, so two simulated histories never interleave.
 */
async function simulationStart(db: Kysely<Database>, historyHours: number): Promise<Date> {
  const { last } = await db
    .selectFrom('sensor_latest')
    .select((eb) => eb.fn.max('time').as('last'))
    .executeTakeFirstOrThrow();
  const from = Date.now() - historyHours * 3_600_000;
  return new Date(Math.max(from, last ? new Date(last).getTime() + 60_000 : 0));
}

const SIMULATOR_SEED = 20210501;
const HISTORY_DAYS = 730;

/**
 * On a first start, in the background once the server answers: two years of daily dam-safety history from the
 * simulator's own stations (with the planted anomalies), then a model for every instrument.
 */
async function backfillDamSafety(
  db: OpenDatabase,
  ingest: IngestService,
  reservoirs: readonly ReservoirSeed[],
  start: Date,
): Promise<void> {
  const started = Date.now();
  const seconds = () => ((Date.now() - started) / 1000).toFixed(0);
  const rows = await backfillHistory(db.db, reservoirs, {
    seed: SIMULATOR_SEED,
    startMs: start.getTime(),
    days: HISTORY_DAYS,
  });
  if (!rows) return;
  logger.log(`dam-safety history: ${rows} daily readings over ${HISTORY_DAYS} days written in ${seconds()} s`);
  // Take the history into the hourly rollup (daily charts) now, a week at a time, rather than at the next refresh;
  // embedded (no autovacuum), into the planner's statistics too.
  if (db.timescale) {
    await refreshRollups(db.db).catch((err: Error) =>
      logger.warn(`hourly rollup of the history not refreshed: ${err.message}`),
    );
  }
  if (db.embedded) {
    await analyzeTables(db.db, null).catch((err: Error) => logger.warn(`history not analysed: ${err.message}`));
  }
  const { fitted, refused } = await ingest.alerts.refitModels();
  logger.log(`dam-safety models: ${fitted} instruments fitted, ${refused} without a model, ${seconds()} s in all`);
}

/** The in-process ingest as the backend sees it. */
function inProcess(ingest: IngestService): InProcessIngest {
  return {
    metrics: () => ingest.metrics.registry.metrics(),
    reloadAlertRules: () => ingest.alerts.reload(),
    pipeline: ingest.pipeline,
  };
}

main().catch((err: unknown) => {
  logger.error('start-up failed', err);
  process.exit(1);
});
