import { ConflictException, Injectable } from '@nestjs/common';
import bcrypt from 'bcryptjs';
import type { Role } from '../common/auth-user.js';
import { UsersRepository, type UserView } from './users.repository.js';

const BCRYPT_ROUNDS = 10;

export interface NewUserInput {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  areaCode?: string | null;
  phone?: string | null;
}

@Injectable()
export class UsersService {
  constructor(private readonly users: UsersRepository) {}

  list(): Promise<UserView[]> {
    return this.users.list();
  }

  findWithHash(username: string) {
    return this.users.findWithHash(username);
  }

  async create(input: NewUserInput): Promise<UserView> {
    if (await this.users.exists(input.username)) {
      throw new ConflictException(`User ${input.username} already exists`);
    }
    return this.users.insert({
      username: input.username,
      display_name: input.displayName,
      password_hash: await bcrypt.hash(input.password, BCRYPT_ROUNDS),
      role: input.role,
      area_code: input.areaCode ?? null,
      phone: input.phone ?? null,
    });
  }

  /** `admin` always exists; its password is (re)set from ADMIN_PASSWORD when that is given. */
  async ensureAdmin(password: string, resetPassword: boolean): Promise<void> {
    if (!(await this.users.exists('admin'))) {
      await this.create({ username: 'admin', displayName: '系统管理员', password, role: 'admin' });
    } else if (resetPassword) {
      await this.users.setPasswordHash('admin', await bcrypt.hash(password, BCRYPT_ROUNDS));
    }
  }

  verifyPassword(password: string, hash: string): Promise<boolean> {
    return bcrypt.compare(password, hash);
  }
}
