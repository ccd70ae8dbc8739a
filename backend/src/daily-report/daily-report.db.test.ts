import type { OpenDatabase } from '@yz/platform';
import { generateRegistry, loadRegistry } from '@yz/seeds';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AreaScope } from '../common/scope.js';
import { DailyReportRepository } from './daily-report.repository.js';
import { DailyReportService } from './daily-report.service.js';
import { StationsRepository } from '../stations/stations.repository.js';
import { StationsService } from '../stations/stations.service.js';
import { temporaryDatabase } from '../../../test/support/embedded-database.js';

const HOUR = 3_600_000;

/**
 * The 08:00 report and the station page on the embedded database. 到报率 and 及时率 count only what a station owed:
 * the slots after it was brought into monitoring; both count by the same rule, so a duty officer reads one figure.
 */
describe('the 08:00 report and station reporting on the embedded database', () => {
  // The hydrological day 1 July 08:00 to 2 July 08:00 Beijing (00:00 to 00:00 UTC), judged a day later.
  const from = Date.UTC(2026, 6, 1);
  const now = new Date(Date.UTC(2026, 6, 3));
  let open: OpenDatabase;
  let stations: StationsService;
  let repo: DailyReportRepository;
  let reports: DailyReportService;
  const codes: string[] = [];

  beforeAll(async () => {
    open = await temporaryDatabase('daily-report');
    const registry = generateRegistry();
    const reservoirs = registry.reservoirs.filter((r) => !r.damSafetyMonitoring).slice(0, 3);
    await loadRegistry(open.db, { ...registry, reservoirs });
    codes.push(...reservoirs.map((r) => `${r.code}-RW`));
    const [always, sinceAfternoon] = codes;
    // The first is monitored since before the system (null), the second from 14:20 Beijing that day; the third was
    // registered just now, as by a first start, so July is history to it.
    await sql`UPDATE stations SET monitored_since = NULL WHERE code = ${always}`.execute(open.db);
    await sql`UPDATE stations SET monitored_since = ${new Date(from + 6 * HOUR + 20 * 60_000)}
      WHERE code = ${sinceAfternoon}`.execute(open.db);
    // Every hourly slot of the day answered a minute late (on time) by all three, as a replay would too.
    await sql`INSERT INTO station_reports (station_id, slot, received_at)
      SELECT st.id, slot, slot + INTERVAL '1 minute'
      FROM stations st, generate_series(${new Date(from + HOUR)}::timestamptz, ${new Date(from + 24 * HOUR)}, '1 hour') slot
      WHERE st.code = ANY(${codes})`.execute(open.db);
    stations = new StationsService(new StationsRepository(open.db));
    repo = new DailyReportRepository(open.db);
    reports = new DailyReportService(repo, stations, {});
  }, 120_000);

  afterAll(async () => {
    await open?.close();
  });

  it('owes the whole day since always, 15:00 on from 14:20, and nothing before a station existed', async () => {
    const health = await stations.health(AreaScope.CITY, undefined, '2026-07-01', now);
    const byCode = new Map(health.stations.map((s) => [s.code, s]));
    const [always, sinceAfternoon, registeredNow] = codes.map((c) => byCode.get(c)!);
    expect([always.due, always.received, always.timely, always.arrivalRate]).toEqual([24, 24, 24, 1]);
    // 15:00 … 08:00 Beijing: 18 slots owed, and the six answered before 14:20 not counted.
    expect([sinceAfternoon.due, sinceAfternoon.received, sinceAfternoon.timely]).toEqual([18, 18, 18]);
    expect(sinceAfternoon.timelyRate).toBe(1);
    expect([registeredNow.due, registeredNow.received, registeredNow.arrivalRate]).toEqual([0, 0, null]);
    expect(health.total).toMatchObject({ due: 42, received: 42, timely: 42, arrivalRate: 1, timelyRate: 1 });
  });

  it('gives the 08:00 report the same 到报率, and does not call a station not yet registered offline', async () => {
    const report = await reports.report(AreaScope.CITY, '2026-07-02', now);
    expect(report.arrival.total).toEqual({ stations: 2, received: 42, expected: 42, rate: 1 });
    // None sent a reading (only slots were recorded here): the two monitored are offline at 08:00, the third was not
    // there yet.
    const offline = report.offlineStations.map((s) => `${s.code}-RW`);
    expect(offline.sort()).toEqual(codes.slice(0, 2).sort());
  });

  it('keeps no report while the readings are catching up with the clock, and the first look after does', async () => {
    // The day ending 3 July 08:00 Beijing, settled half an hour later.
    const later = new Date(Date.UTC(2026, 6, 3, 1));
    let caughtUp!: () => void;
    const replaying = new DailyReportService(repo, stations, { catchingUp: new Promise<void>((r) => (caughtUp = r)) });
    expect(await replaying.generateDue(AreaScope.CITY, later)).toBeNull();
    expect((await replaying.report(AreaScope.CITY, '2026-07-03', later)).date).toBe('2026-07-03');
    expect(await repo.stored('2026-07-03')).toBeNull();
    caughtUp();
    await Promise.resolve();
    expect(await replaying.generateDue(AreaScope.CITY, later)).toBe('2026-07-03');
    expect((await repo.stored('2026-07-03'))?.date).toBe('2026-07-03');
  });
});
