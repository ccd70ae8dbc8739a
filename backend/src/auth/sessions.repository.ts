import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import { InjectDb, type Sql } from '../common/sql.js';

/** What decides whether a session's tokens are still good. */
export interface SessionState {
  userId: number;
  /** The user's token version now, and when the session began. */
  tokenVersion: number;
  sessionVersion: number;
  tokenHash: string;
  expiresAt: Date;
  revokedAt: Date | null;
}

/** SQL for sign-in sessions and users' token versions. */
@Injectable()
export class SessionsRepository {
  constructor(@InjectDb() private readonly db: Sql) {}

  async create(s: { id: string; userId: number; tokenVersion: number; tokenHash: string; expiresAt: Date }) {
    await this.db
      .insertInto('sessions')
      .values({
        id: s.id,
        user_id: s.userId,
        token_version: s.tokenVersion,
        token_hash: s.tokenHash,
        expires_at: s.expiresAt,
      })
      .execute();
  }

  async state(id: string): Promise<SessionState | undefined> {
    return this.db
      .selectFrom('sessions as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .select([
        's.user_id as userId',
        'u.token_version as tokenVersion',
        's.token_version as sessionVersion',
        's.token_hash as tokenHash',
        's.expires_at as expiresAt',
        's.revoked_at as revokedAt',
      ])
      .where('s.id', '=', id)
      .executeTakeFirst();
  }

  /** Slides the session's expiry forward, never past `latest` after it began. */
  async extend(id: string, idleMs: number, latestMs: number): Promise<void> {
    await this.db
      .updateTable('sessions')
      .set({
        expires_at: sql`least(now() + ${idleMs} * interval '1 millisecond', created_at + ${latestMs} * interval '1 millisecond')`,
      })
      .where('id', '=', id)
      .execute();
  }

  async revoke(id: string): Promise<void> {
    await this.db
      .updateTable('sessions')
      .set({ revoked_at: sql`now()` })
      .where('id', '=', id)
      .execute();
  }

  /** Forgets sessions that ended more than a day ago. */
  async prune(): Promise<void> {
    await this.db
      .deleteFrom('sessions')
      .where('expires_at', '<', sql<Date>`now() - interval '1 day'`)
      .execute();
  }
}
