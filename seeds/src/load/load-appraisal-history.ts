import { beijingDate, DONE_STAGES, type ReservoirSeed } from '@yz/domain';
import type { Database } from '@yz/platform';
import { sql, type Kysely } from 'kysely';
import { carryAppraisalsForward } from '../generate/appraisal-history.js';
import { insertChunked } from './insert-chunked.js';

/** Set once the history is loaded (its value: the day it was carried forward to), so it is done only once. */
const MARKER = 'seed.appraisal_history';

/**
 * Carries the seeded registry's appraisal history forward from the 2021 baseline to `today` (see
 * carryAppraisalsForward): reservoirs' category, last and next appraisal and restricted level, and the appraisals
 * recorded. Once per database.
 */
export async function loadAppraisalHistory(
  db: Kysely<Database>,
  reservoirs: readonly ReservoirSeed[],
  today = beijingDate(new Date()),
): Promise<boolean> {
  if (await db.selectFrom('settings').select('key').where('key', '=', MARKER).executeTakeFirst()) return false;
  const programme = await db
    .selectFrom('projects')
    .select([
      'reservoir_code as reservoirCode',
      'stage',
      'actual_finish as actualFinish',
      'planned_finish as plannedFinish',
    ])
    .where('kind', '=', 'reinforcement')
    .execute();
  const history = carryAppraisalsForward(
    reservoirs,
    programme.map((p) => ({
      reservoirCode: p.reservoirCode,
      acceptedOn: (DONE_STAGES as readonly string[]).includes(p.stage) ? p.actualFinish : null,
      plannedFinish: p.plannedFinish,
    })),
    today,
  );
  await db.transaction().execute(async (tx) => {
    await insertChunked(
      tx,
      (json) => sql`UPDATE reservoirs r SET dam_category = x."damCategory", last_appraisal = x."lastAppraisal",
         next_appraisal = x."nextAppraisal", restricted_level = x."restrictedLevel"
       FROM jsonb_to_recordset(${json}::jsonb) AS x(code text, "damCategory" smallint, "lastAppraisal" date,
         "nextAppraisal" date, "restrictedLevel" numeric)
       WHERE r.code = x.code`,
      history.reservoirs,
    );
    await insertChunked(
      tx,
      (
        json,
      ) => sql`INSERT INTO appraisals (reservoir_code, appraised_on, dam_category, conclusion, next_due, project_id,
         recorded_by)
       SELECT x."reservoirCode", x."appraisedOn", x."damCategory", x.conclusion, x."nextDue", NULL, 'seed'
       FROM jsonb_to_recordset(${json}::jsonb) AS x("reservoirCode" text, "appraisedOn" date, "damCategory" smallint,
         conclusion text, "nextDue" date)`,
      history.appraisals,
    );
    await tx.insertInto('settings').values({ key: MARKER, value: today }).execute();
  });
  return true;
}
