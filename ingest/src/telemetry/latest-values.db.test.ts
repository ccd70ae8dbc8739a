import type { OpenDatabase } from '@yz/platform';
import { AREAS } from '@yz/domain';
import { generateRegistry, loadRegistry } from '@yz/seeds';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LatestValues } from './latest-values.js';
import { temporaryDatabase } from '../../../test/support/embedded-database.js';

describe('latest values on the embedded database', () => {
  let open: OpenDatabase;
  const reservoir = generateRegistry().reservoirs[0];
  let sensorId = 0;
  const at = (minutes: number) => new Date(Date.UTC(2026, 5, 1, 0, minutes));

  const stored = async () => {
    const latest = await open.db.selectFrom('sensor_latest').selectAll().where('sensor_id', '=', sensorId).execute();
    const station = await open.db
      .selectFrom('stations')
      .innerJoin('sensors', 'sensors.station_id', 'stations.id')
      .select('stations.last_report_at')
      .where('sensors.id', '=', sensorId)
      .executeTakeFirstOrThrow();
    return { latest: latest.map((l) => [l.time.toISOString(), l.value]), lastReport: station.last_report_at };
  };

  beforeAll(async () => {
    open = await temporaryDatabase('latest-values');
    await loadRegistry(open.db, { reservoirs: [{ ...reservoir, responsiblePersons: [] }], projects: [], areas: AREAS });
    sensorId = (await open.db.selectFrom('sensors').select('id').where('code', '=', 'WL1').executeTakeFirstOrThrow())
      .id;
  }, 300_000);

  afterAll(async () => {
    await open?.close();
  });

  it('recovers at start what a crash left unwritten, from the newest readings', async () => {
    await open.db
      .insertInto('readings')
      .values([
        { sensor_id: sensorId, time: at(0), value: 100 },
        { sensor_id: sensorId, time: at(5), value: 101 },
      ])
      .execute();
    const latest = new LatestValues(open.db, 60_000);
    await latest.start();
    await latest.stop();
    expect(await stored()).toEqual({ latest: [[at(5).toISOString(), 101]], lastReport: at(5) });
  });

  it('writes only the newest value per sensor, never an older one over a newer, and says which reservoirs', async () => {
    const latest = new LatestValues(open.db, 60_000);
    await latest.start();
    const written: string[][] = [];
    latest.on('written', (codes) => written.push(codes));
    const value = (minutes: number, v: number) => ({
      reservoirCode: reservoir.code,
      sensorId,
      time: at(minutes),
      value: v,
    });
    latest.note([value(10, 102), value(20, 104), value(15, 103)]);
    await latest.flush();
    expect(await stored()).toEqual({ latest: [[at(20).toISOString(), 104]], lastReport: at(20) });
    latest.note([value(12, 99)]);
    await latest.stop();
    expect(await stored()).toEqual({ latest: [[at(20).toISOString(), 104]], lastReport: at(20) });
    expect(written).toEqual([[reservoir.code], [reservoir.code]]);
  });
});
