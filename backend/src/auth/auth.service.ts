import { HttpException, HttpStatus, Injectable, UnauthorizedException } from '@nestjs/common';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { UsersService } from '../users/users.service.js';
import { TokenService } from './token.service.js';

/** Failed logins allowed per username and client address before it has to wait. */
const MAX_FAILURES = 5;
const BLOCK_SECONDS = 15 * 60;

@Injectable()
export class AuthService {
  private readonly failures = new RateLimiterMemory({ points: MAX_FAILURES, duration: BLOCK_SECONDS });

  constructor(
    private readonly users: UsersService,
    private readonly tokens: TokenService,
  ) {}

  async login(username: string, password: string, clientAddress: string): Promise<string> {
    const key = `${username.toLowerCase()}|${clientAddress}`;
    const state = await this.failures.get(key);
    if (state && state.consumedPoints >= MAX_FAILURES) this.tooMany(state);
    const user = await this.users.findWithHash(username);
    // Compare even for unknown users so timing does not tell which usernames exist.
    const ok = await this.users.verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok) {
      await this.failures.consume(key).catch((res: unknown) => {
        if (res instanceof RateLimiterRes) this.tooMany(res);
        throw res;
      });
      throw new UnauthorizedException('Wrong username or password');
    }
    await this.failures.delete(key);
    return this.tokens.sign(user);
  }

  private tooMany(res: RateLimiterRes): never {
    const seconds = Math.ceil(res.msBeforeNext / 1000);
    throw new HttpException(`Too many failed logins; try again in ${seconds} s`, HttpStatus.TOO_MANY_REQUESTS);
  }
}

// bcrypt hash of a random string, never matched by any password.
const DUMMY_HASH = '$2b$10$lABS1NdZ4/Q0xR.B3wHc3eYPryYBzBMvhq2WmQkz601NEiqvH5NEK';
