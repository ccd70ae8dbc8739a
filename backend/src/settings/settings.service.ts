import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** Process-wide values kept in the database, so every backend replica agrees on them (e.g. the JWT key). */
@Injectable()
export class SettingsService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async jwtSecret(): Promise<string> {
    // Insert-if-absent then read: two replicas starting together end up with the same key.
    await this.ds.query(`INSERT INTO settings (key, value) VALUES ('jwt_secret', $1) ON CONFLICT (key) DO NOTHING`, [
      randomBytes(48).toString('base64url'),
    ]);
    const [row] = (await this.ds.query(`SELECT value FROM settings WHERE key = 'jwt_secret'`)) as [{ value: string }];
    return row.value;
  }
}
