import type { AuthUser } from './auth-user.js';
import type { Sql } from './sql.js';

/** The area a list is limited to: the user's own area wins; asking for another area yields nothing. */
export function scopedArea(user: AuthUser, county: string | undefined): string | null {
  if (user.areaCode && county && county !== user.areaCode) return '__none__';
  return user.areaCode ?? county ?? null;
}

/** Whether a user may see a thing of this area (another area's things are "not found", not "forbidden"). */
export function inScope(user: AuthUser, areaCode: string): boolean {
  return !user.areaCode || user.areaCode === areaCode;
}

/** The area of a reservoir, or null when there is no such reservoir. */
export async function reservoirArea(sql: Sql, code: string): Promise<string | null> {
  const rows: { areaCode: string }[] = await sql.query(
    `SELECT area_code AS "areaCode" FROM reservoirs WHERE code = $1`,
    [code],
  );
  return rows[0]?.areaCode ?? null;
}
