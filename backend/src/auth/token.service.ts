import { createHmac } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { RUNTIME, type Runtime } from '../config/runtime.js';
import { SettingsService } from '../settings/settings.service.js';
import type { AuthUser } from '../common/auth-user.js';
import { SessionsRepository, type SessionState } from './sessions.repository.js';

/** Access tokens are short: a revoked session or user stops working within this, even without the check below. */
export const ACCESS_TOKEN_SECONDS = 15 * 60;
/** How long a session's state is trusted from memory before it is read again (other replicas' revocations). */
const STATE_CACHE_MS = 5_000;

interface TokenClaims {
  sub: number;
  username: string;
  name: string;
  role: AuthUser['role'];
  area: string | null;
  /** The session the token was issued for, and the user's token version then. */
  sid: string;
  ver: number;
}

export interface SessionRef {
  id: string;
  tokenVersion: number;
}

/**
 * Signs and checks access tokens. The key is an HMAC of the database's shared value (so every replica agrees)
 * with the process's secret (JWT_SECRET or DATA_DIR): a database dump alone cannot forge a token. A token is good
 * while its session is neither revoked nor expired and its user's token version has not moved on.
 */
@Injectable()
export class TokenService implements OnModuleInit {
  private key = '';
  private readonly states = new Map<string, { at: number; state: SessionState | undefined }>();

  constructor(
    private readonly jwt: JwtService,
    private readonly settings: SettingsService,
    private readonly sessions: SessionsRepository,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  async onModuleInit(): Promise<void> {
    const shared = await this.settings.jwtSecret();
    this.key = createHmac('sha256', this.runtime.jwtSecret).update(shared).digest('base64url');
  }

  sign(user: AuthUser, session: SessionRef): Promise<string> {
    const claims: TokenClaims = {
      sub: user.id,
      username: user.username,
      name: user.displayName,
      role: user.role,
      area: user.areaCode,
      sid: session.id,
      ver: session.tokenVersion,
    };
    return this.jwt.signAsync(claims, { secret: this.key, expiresIn: ACCESS_TOKEN_SECONDS, algorithm: 'HS256' });
  }

  /** The user behind a token, or null when it is missing, forged, expired or revoked. */
  async verify(token: string | undefined): Promise<AuthUser | null> {
    const c = await this.claims(token);
    if (!c) return null;
    const state = await this.sessionState(c.sid);
    const good =
      state !== undefined &&
      state.revokedAt === null &&
      state.expiresAt.getTime() > Date.now() &&
      state.userId === c.sub &&
      state.tokenVersion === c.ver &&
      state.sessionVersion === c.ver;
    return good ? { id: c.sub, username: c.username, displayName: c.name, role: c.role, areaCode: c.area } : null;
  }

  /** The claims of a correctly signed, unexpired token (its session not checked), or null. */
  async claims(token: string | undefined): Promise<TokenClaims | null> {
    if (!token) return null;
    try {
      const c = await this.jwt.verifyAsync<TokenClaims>(token, { secret: this.key, algorithms: ['HS256'] });
      return typeof c.sid === 'string' && typeof c.ver === 'number' ? c : null;
    } catch {
      return null;
    }
  }

  /** Drops what this process remembers of a user's sessions (after revoking them here). */
  forgetUser(userId: number): void {
    for (const [id, entry] of this.states) if (entry.state?.userId === userId) this.states.delete(id);
  }

  forgetSession(id: string): void {
    this.states.delete(id);
  }

  private async sessionState(id: string): Promise<SessionState | undefined> {
    const now = Date.now();
    const cached = this.states.get(id);
    if (cached && now - cached.at < STATE_CACHE_MS) return cached.state;
    const state = await this.sessions.state(id);
    if (this.states.size > 10_000) this.states.clear();
    this.states.set(id, { at: now, state });
    return state;
  }
}
