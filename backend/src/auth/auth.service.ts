import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { HttpException, HttpStatus, Injectable, UnauthorizedException } from '@nestjs/common';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { AuthUser } from '../common/auth-user.js';
import { UsersService, type UserWithHash } from '../users/users.service.js';
import { LoginBackoff } from './login-backoff.js';
import { hashPassword, verifyPassword } from '../common/password-hash.js';
import { SessionsRepository } from './sessions.repository.js';
import { ACCESS_TOKEN_SECONDS, TokenService } from './token.service.js';

/** A session stays while used within this (a night shift with the dashboard open refreshes every few minutes)… */
export const SESSION_IDLE_MS = 12 * 60 * 60_000;
/** …and ends this long after sign-in whatever happens. */
export const SESSION_MAX_MS = 24 * 60 * 60_000;
/** Failed logins from one client address (as far as the proxy can tell) before it has to wait. */
const ADDRESS_FAILURES = 50;

export interface SessionTokens {
  accessToken: string;
  refreshToken: string;
  /** Seconds the access token is good for. */
  expiresIn: number;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

@Injectable()
export class AuthService {
  private readonly backoff = new LoginBackoff();
  private readonly addresses = new RateLimiterMemory({ points: ADDRESS_FAILURES, duration: 15 * 60 });
  private dummyHash: Promise<string> | undefined;

  constructor(
    private readonly users: UsersService,
    private readonly tokens: TokenService,
    private readonly sessions: SessionsRepository,
  ) {}

  async login(username: string, password: string, clientAddress: string): Promise<SessionTokens> {
    const name = username.toLowerCase();
    const now = Date.now();
    const byAddress = await this.addresses.get(clientAddress);
    const wait = Math.max(
      this.backoff.waitFor(name, now),
      byAddress && byAddress.consumedPoints >= ADDRESS_FAILURES ? byAddress.msBeforeNext : 0,
    );
    if (wait > 0) {
      throw new HttpException(
        `Too many failed logins; try again in ${Math.ceil(wait / 1000)} s`,
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    const user = await this.users.findWithHash(username);
    // Compare even for unknown users so timing does not tell which usernames exist.
    this.dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
    const { ok, upgrade } = await verifyPassword(password, user?.passwordHash ?? (await this.dummyHash));
    if (!user || !ok) {
      this.backoff.failed(name, now);
      // Rejects (with the limiter's state, not an error) once the address is over its limit: refused above next time.
      await this.addresses.consume(clientAddress).catch(() => undefined);
      throw new UnauthorizedException('Wrong username or password');
    }
    this.backoff.succeeded(name);
    if (upgrade) await this.users.setPasswordHash(user.id, await hashPassword(password), false);
    return this.startSession(user);
  }

  /** A new access token for a live session (sliding: the session's expiry moves forward). */
  async refresh(refreshToken: string | undefined): Promise<SessionTokens> {
    const [id, secret] = (refreshToken ?? '').split('.');
    const state = id && secret && UUID.test(id) ? await this.sessions.state(id) : undefined;
    const expected = Buffer.from(state?.tokenHash ?? '');
    const actual = Buffer.from(sha256(secret ?? ''));
    const good =
      state !== undefined &&
      expected.length === actual.length &&
      timingSafeEqual(expected, actual) &&
      state.revokedAt === null &&
      state.sessionVersion === state.tokenVersion &&
      state.expiresAt.getTime() > Date.now();
    const user = good ? await this.users.findById(state.userId) : undefined;
    if (!user) throw new UnauthorizedException('The session has ended; log in again');
    await this.sessions.extend(id!, SESSION_IDLE_MS, SESSION_MAX_MS);
    return {
      accessToken: await this.tokens.sign(user, { id: id!, tokenVersion: user.tokenVersion }),
      refreshToken: refreshToken!,
      expiresIn: ACCESS_TOKEN_SECONDS,
    };
  }

  /** Ends the session named by a refresh token or by an access token's claims. */
  async logout(refreshToken: string | undefined, accessToken: string | undefined): Promise<void> {
    const ids = new Set<string>();
    const fromRefresh = refreshToken?.split('.')[0];
    if (fromRefresh && UUID.test(fromRefresh)) ids.add(fromRefresh);
    const claims = await this.tokens.claims(accessToken);
    if (claims) ids.add(claims.sid);
    for (const id of ids) {
      await this.sessions.revoke(id);
      this.tokens.forgetSession(id);
    }
  }

  /** Sets a new password; every token of the user stops working, and this caller gets a fresh session. */
  async changePassword(user: AuthUser, current: string, next: string): Promise<SessionTokens> {
    const stored = await this.users.findWithHash(user.username);
    if (!stored || !(await verifyPassword(current, stored.passwordHash)).ok) {
      throw new UnauthorizedException('The current password is wrong');
    }
    const tokenVersion = await this.users.setPasswordHash(stored.id, await hashPassword(next), true);
    this.tokens.forgetUser(stored.id);
    return this.startSession({ ...stored, tokenVersion });
  }

  private async startSession(user: UserWithHash): Promise<SessionTokens> {
    const id = randomUUID();
    const secret = randomBytes(32).toString('base64url');
    await this.sessions.create({
      id,
      userId: user.id,
      tokenVersion: user.tokenVersion,
      tokenHash: sha256(secret),
      expiresAt: new Date(Date.now() + SESSION_IDLE_MS),
    });
    // Now and then, forget sessions long over (a cheap delete on an indexed column).
    if (Math.random() < 0.01) await this.sessions.prune();
    return {
      accessToken: await this.tokens.sign(user, { id, tokenVersion: user.tokenVersion }),
      refreshToken: `${id}.${secret}`,
      expiresIn: ACCESS_TOKEN_SECONDS,
    };
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
