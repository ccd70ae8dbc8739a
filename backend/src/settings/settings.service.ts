import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDb, type Sql } from '../common/sql.js';

/** Process-wide values kept in the database, so every backend replica agrees on them (e.g. the JWT key). */
@Injectable()
export class SettingsService {
  constructor(@InjectDb() private readonly db: Sql) {}

  async jwtSecret(): Promise<string> {
    // Insert-if-absent then read: two replicas starting together end up with the same key.
    await this.db
      .insertInto('settings')
      .values({ key: 'jwt_secret', value: randomBytes(48).toString('base64url') })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    const row = await this.db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', 'jwt_secret')
      .executeTakeFirstOrThrow();
    return row.value;
  }
}
