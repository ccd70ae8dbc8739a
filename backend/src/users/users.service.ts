import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import bcrypt from 'bcryptjs';
import type { Repository } from 'typeorm';
import type { Role } from '../common/auth-user.js';
import { User } from './user.entity.js';

const BCRYPT_ROUNDS = 10;

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  areaCode?: string | null;
  phone?: string | null;
}

@Injectable()
export class UsersService {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  findWithHash(username: string): Promise<User | null> {
    return this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.username = :username', { username })
      .getOne();
  }

  findById(id: number): Promise<User | null> {
    return this.users.findOneBy({ id });
  }

  async create(input: NewUser): Promise<User> {
    const passwordHash = await bcrypt.hash(input.password, BCRYPT_ROUNDS);
    const { password: _password, ...rest } = input;
    return this.users.save(this.users.create({ ...rest, passwordHash }));
  }

  /** `admin` always exists; its password is (re)set from ADMIN_PASSWORD when that is given. */
  async ensureAdmin(password: string, resetPassword: boolean): Promise<void> {
    const existing = await this.users.findOneBy({ username: 'admin' });
    if (!existing) {
      await this.create({ username: 'admin', displayName: '系统管理员', password, role: 'admin' });
    } else if (resetPassword) {
      await this.users.update(existing.id, { passwordHash: await bcrypt.hash(password, BCRYPT_ROUNDS) });
    }
  }

  async adminExists(): Promise<boolean> {
    return this.users.existsBy({ username: 'admin' });
  }

  verifyPassword(password: string, hash: string): Promise<boolean> {
    return bcrypt.compare(password, hash);
  }
}
