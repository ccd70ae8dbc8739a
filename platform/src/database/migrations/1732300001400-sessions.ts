import type { Kysely, Migration } from 'kysely';
import { exec } from './exec.js';

/**
 * Sign-in sessions: a refresh token (only its SHA-256 is stored) that slides forward while it is used, revoked by
 * logout; raising users.token_version past the session's revokes every token of a user (password change or
 * reset); deleting the user deletes its sessions. The
 * JWT key no longer sits in the database readable: the stored value is only half of it (see TokenService).
 */
export const sessions: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await exec(db, `ALTER TABLE users ADD COLUMN token_version integer NOT NULL DEFAULT 0`);
    await exec(
      db,
      `
      CREATE TABLE sessions (
        id uuid PRIMARY KEY,
        user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        token_hash text NOT NULL,
        token_version integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz
      )`,
    );
    await exec(db, `CREATE INDEX sessions_user ON sessions (user_id)`);
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await exec(db, `DROP TABLE sessions`);
    await exec(db, `ALTER TABLE users DROP COLUMN token_version`);
  },
};
