import type { OpenDatabase } from '@yz/platform';
import { generateRegistry, loadRegistry } from '@yz/seeds';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rainOfDay, readingsAtOrBefore } from './reading-history.js';
import { temporaryDatabase } from '../../../test/support/embedded-database.js';

const HOUR = 3_600_000;

/**
 * The history the alert rules read is looked for in the recent chunks first, then in all of them for a sensor silent
 * longer: the verdicts must be those of a lookup through the whole history.
 */
describe('reading history for the alert rules, on the embedded database', () => {
  const at = Date.UTC(2026, 6, 20, 6);
  let open: OpenDatabase;
  const ids: number[] = [];

  beforeAll(async () => {
    open = await temporaryDatabase('reading-history');
    const registry = generateRegistry();
    await loadRegistry(open.db, { ...registry, reservoirs: registry.reservoirs.slice(0, 4) });
    const { rows } = await sql<{ id: number }>`SELECT id FROM sensors WHERE type = 'rainfall' ORDER BY id`.execute(
      open.db,
    );
    ids.push(...rows.map((r) => r.id));
    const [recent, weekSilent, yearSilent] = ids;
    // Readings in chunks a month apart: hourly in the day before, one a week before, one a year before.
    await sql`INSERT INTO readings (time, sensor_id, value)
      SELECT ${new Date(at)}::timestamptz - h * INTERVAL '1 hour', ${recent}::int, h FROM generate_series(1, 30) h
      UNION ALL SELECT ${new Date(at - 7 * 24 * HOUR)}, ${weekSilent}::int, 7
      UNION ALL SELECT ${new Date(at - 365 * 24 * HOUR)}, ${yearSilent}::int, 365`.execute(open.db);
  }, 120_000);

  afterAll(async () => {
    await open?.close();
  });

  it('finds each sensor’s newest reading at or before its moment, however long it has been silent', async () => {
    const [recent, weekSilent, yearSilent, never] = ids;
    const found = await readingsAtOrBefore(open.db, [
      { sensorId: recent, at: new Date(at - 2.5 * HOUR) },
      { sensorId: weekSilent, at: new Date(at) },
      { sensorId: yearSilent, at: new Date(at - HOUR) },
      { sensorId: never, at: new Date(at) },
    ]);
    expect(found.get(recent)).toEqual({ time: new Date(at - 3 * HOUR), value: 3 });
    expect(found.get(weekSilent)).toEqual({ time: new Date(at - 7 * 24 * HOUR), value: 7 });
    expect(found.get(yearSilent)).toEqual({ time: new Date(at - 365 * 24 * HOUR), value: 365 });
    expect(found.has(never)).toBe(false);
  });

  it('reads each gauge’s own 24 hours of rain up to its moment', async () => {
    const [recent, weekSilent] = ids;
    const rain = await rainOfDay(open.db, [
      { sensorId: recent, at: new Date(at - 5 * HOUR) },
      { sensorId: weekSilent, at: new Date(at) },
    ]);
    // Hours 5 … 28 before `at`: the 24 up to its moment, not those after it nor the day before.
    const values = rain.get(recent)!.map((r) => r.value);
    expect(values.sort((a, b) => a - b)).toEqual(Array.from({ length: 24 }, (_, i) => i + 5));
    expect(rain.has(weekSilent)).toBe(false);
  });
});
