import { inScope, type AreaScope } from './scope.js';
import type { Sql } from './sql.js';

/** Whether the reservoir exists within the scope (another area's reservoir is "not found"). */
export async function reservoirInScope(db: Sql, scope: AreaScope, code: string): Promise<boolean> {
  const row = await db
    .selectFrom('reservoirs as r')
    .select('r.code')
    .where('r.code', '=', code)
    .where(inScope(scope, 'r.area_code'))
    .executeTakeFirst();
  return row !== undefined;
}
