import { Injectable, type OnModuleInit } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { SettingsService } from '../settings/settings.service.js';
import type { AuthUser } from '../common/auth-user.js';

const TOKEN_LIFETIME = '8h';

interface TokenClaims {
  sub: number;
  username: string;
  name: string;
  role: AuthUser['role'];
  area: string | null;
}

/** Signs and checks access tokens with the key shared through the settings table. */
@Injectable()
export class TokenService implements OnModuleInit {
  private secret = '';

  constructor(
    private readonly jwt: JwtService,
    private readonly settings: SettingsService,
  ) {}

  async onModuleInit(): Promise<void> {
    this.secret = await this.settings.jwtSecret();
  }

  sign(user: AuthUser): Promise<string> {
    const claims: TokenClaims = {
      sub: user.id,
      username: user.username,
      name: user.displayName,
      role: user.role,
      area: user.areaCode,
    };
    return this.jwt.signAsync(claims, { secret: this.secret, expiresIn: TOKEN_LIFETIME, algorithm: 'HS256' });
  }

  /** The user behind a token, or null when it is missing, forged or expired. */
  async verify(token: string | undefined): Promise<AuthUser | null> {
    if (!token) return null;
    try {
      const c = await this.jwt.verifyAsync<TokenClaims>(token, { secret: this.secret, algorithms: ['HS256'] });
      return { id: c.sub, username: c.username, displayName: c.name, role: c.role, areaCode: c.area };
    } catch {
      return null;
    }
  }
}
