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
      .select([...USER_COLUMNS, 'password_hash as passwordHash'])
      .where('username', '=', username)
      .executeTakeFirst();
  }

  async exists(username: string): Promise<boolean> {
    const row = await this.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
    return row !== undefined;
  }

  insert(user: NewUser) {
    return this.db.insertInto('users').values(user).returning(USER_COLUMNS).executeTakeFirstOrThrow();
  }

  async setPasswordHash(username: string, passwordHash: string): Promise<void> {
    await this.db.updateTable('users').set({ password_hash: passwordHash }).where('username', '=', username).execute();
  }
}

export type UserView = Awaited<ReturnType<UsersRepository['insert']>>;
