import { Body, Controller, Get, HttpCode, Ip, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AuthService, SESSION_MAX_MS, type SessionTokens } from './auth.service.js';
import type { AuthUser } from '../common/auth-user.js';
import { CurrentUser, Public } from '../common/decorators.js';
import { ChangePasswordDto, LoginDto, LoginResponseDto, RefreshDto } from './login.dto.js';
import { MeDto } from './me.dto.js';
import { permissionsOf } from './permissions.js';

/** The refresh token's cookie: HttpOnly (no script reads it), sent only to /api/auth, never cross-site. */
const COOKIE = 'yz_refresh';
const COOKIE_PATH = '/api/auth';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResponseDto })
  async login(
    @Body() body: LoginDto,
    @Ip() ip: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LoginResponseDto> {
    return withCookie(req, res, await this.auth.login(body.username, body.password, ip));
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResponseDto, description: 'A new access token; the session slides forward' })
  async refresh(
    @Body() body: RefreshDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LoginResponseDto> {
    return withCookie(req, res, await this.auth.refresh(body.refreshToken ?? refreshCookie(req)));
  }

  @Public()
  @Post('logout')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The session (of the cookie, body token or bearer token) is revoked' })
  async logout(
    @Body() body: RefreshDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    const bearer = req.headers.authorization?.startsWith('Bearer ') ? req.headers.authorization.slice(7) : undefined;
    await this.auth.logout(body.refreshToken ?? refreshCookie(req), bearer);
    res.clearCookie(COOKIE, { path: COOKIE_PATH });
  }

  @Post('password')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOkResponse({ type: LoginResponseDto, description: 'Every other session of the user ends; this one goes on' })
  async changePassword(
    @CurrentUser() user: AuthUser,
    @Body() body: ChangePasswordDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LoginResponseDto> {
    return withCookie(req, res, await this.auth.changePassword(user, body.currentPassword, body.newPassword));
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOkResponse({ type: MeDto })
  me(@CurrentUser() user: AuthUser): MeDto {
    return { ...user, permissions: permissionsOf(user.role) };
  }
}

function withCookie(req: Request, res: Response, tokens: SessionTokens): SessionTokens {
  res.cookie(COOKIE, tokens.refreshToken, {
    httpOnly: true,
    sameSite: 'strict',
    secure: req.secure,
    path: COOKIE_PATH,
    maxAge: SESSION_MAX_MS,
  });
  return tokens;
}

function refreshCookie(req: Request): string | undefined {
  const pair = req.headers.cookie?.split(';').find((c) => c.trim().startsWith(`${COOKIE}=`));
  return pair?.trim().slice(COOKIE.length + 1);
}
