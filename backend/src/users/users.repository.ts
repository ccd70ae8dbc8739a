import { Injectable } from '@nestjs/common';
import type { NewUser } from '@yz/platform';
import { InjectDb, type Sql } from '../common/sql.js';

/** The columns a user is shown with (never the password hash). */
const USER_COLUMNS = [
  'id',
  'username',
  'display_name as displayName',
  'role',
  'area_code as areaCode',
  'phone',
  'created_at as createdAt',
] as const;

@Injectable()
export class UsersRepository {
  constructor(@InjectDb() private readonly db: Sql) {}

  list() {
    return this.db.selectFrom('users').select(USER_COLUMNS).orderBy('username').execute();
  }

  findWithHash(username: string) {
    return this.db
      .selectFrom('users')
      .select([...USER_COLUMNS, 'password_hash as passwordHash', 'token_version as tokenVersion'])
      .where('username', '=', username)
      .executeTakeFirst();
  }

  findById(id: number) {
    return this.db
      .selectFrom('users')
      .select([...USER_COLUMNS, 'token_version as tokenVersion'])
      .where('id', '=', id)
      .executeTakeFirst();
  }

  async exists(username: string): Promise<boolean> {
    const row = await this.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
    return row !== undefined;
  }

  insert(user: NewUser) {
    return this.db.insertInto('users').values(user).returning(USER_COLUMNS).executeTakeFirstOrThrow();
  }

  /** Stores a new hash; `revoke` also raises the token version, ending every session. Returns the version. */
  async setPasswordHash(id: number, passwordHash: string, revoke: boolean): Promise<number> {
    const row = await this.db
      .updateTable('users')
      .set((eb) => ({
        password_hash: passwordHash,
        token_version: revoke ? eb('token_version', '+', 1) : eb.ref('token_version'),
      }))
      .where('id', '=', id)
      .returning('token_version')
      .executeTakeFirstOrThrow();
    return row.token_version;
  }

  /** Deletes a user; its sessions go with it (ON DELETE CASCADE), so its tokens stop working. */
  async remove(id: number): Promise<boolean> {
    const result = await this.db.deleteFrom('users').where('id', '=', id).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }
}

export type UserView = Awaited<ReturnType<UsersRepository['insert']>>;
