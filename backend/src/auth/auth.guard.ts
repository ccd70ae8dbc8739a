import {
  ForbiddenException,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AuthUser, Role } from '../common/auth-user.js';
import { IS_PUBLIC, ROLES_KEY } from '../common/decorators.js';
import { AreaScope, type ScopedRequest } from '../common/scope.js';
import { TokenService } from './token.service.js';

/**
 * Every route needs a valid bearer token unless marked @Public(); @Roles() narrows who may call it. The caller and
 * its area scope are put on the request (@CurrentUser(), @Scope()).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = ctx.switchToHttp().getRequest<ScopedRequest & { user?: AuthUser }>();
    const header = req.headers.authorization;
    const user = await this.tokens.verify(header?.startsWith('Bearer ') ? header.slice(7) : undefined);
    if (!user) throw new UnauthorizedException('A valid bearer token is required');
    req.user = user;
    req.scope = AreaScope.of(user);
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && user.role !== 'admin' && !roles.includes(user.role)) {
      throw new ForbiddenException(`This action needs one of the roles: ${roles.join(', ')}`);
    }
    return true;
  }
}
