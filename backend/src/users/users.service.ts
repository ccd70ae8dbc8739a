import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type { Role } from '../common/auth-user.js';
import { hashPassword, verifyPassword } from '../common/password-hash.js';
import { UsersRepository, type UserView } from './users.repository.js';

export interface NewUserInput {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  areaCode?: string | null;
  phone?: string | null;
}

export type UserWithHash = NonNullable<Awaited<ReturnType<UsersRepository['findWithHash']>>>;

@Injectable()
export class UsersService {
  constructor(private readonly users: UsersRepository) {}

  list(): Promise<UserView[]> {
    return this.users.list();
  }

  findWithHash(username: string) {
    return this.users.findWithHash(username);
  }

  findById(id: number) {
    return this.users.findById(id);
  }

  setPasswordHash(id: number, passwordHash: string, revoke: boolean): Promise<number> {
    return this.users.setPasswordHash(id, passwordHash, revoke);
  }

  async create(input: NewUserInput): Promise<UserView> {
    if (await this.users.exists(input.username)) {
      throw new ConflictException(`User ${input.username} already exists`);
    }
    return this.users.insert({
      username: input.username,
      display_name: input.displayName,
      password_hash: await hashPassword(input.password),
      role: input.role,
      area_code: input.areaCode ?? null,
      phone: input.phone ?? null,
    });
  }

  /** Deletes a user other than `admin` and the caller; every token it holds stops working. */
  async remove(id: number, callerId: number): Promise<void> {
    const user = await this.users.findById(id);
    if (!user) throw new NotFoundException(`No user ${id}`);
    if (user.username === 'admin' || id === callerId) throw new BadRequestException('admin and yourself stay');
    await this.users.remove(id);
  }

  /**
   * `admin` always exists; its password is (re)set from ADMIN_PASSWORD when that is given. A changed password
   * ends admin's sessions; the same password keeps them.
   */
  async ensureAdmin(password: string, resetPassword: boolean): Promise<void> {
    const admin = await this.users.findWithHash('admin');
    if (!admin) {
      await this.create({ username: 'admin', displayName: '系统管理员', password, role: 'admin' });
    } else if (resetPassword && !(await verifyPassword(password, admin.passwordHash)).ok) {
      await this.users.setPasswordHash(admin.id, await hashPassword(password), true);
    }
  }
}
