import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { SettingsService } from '../settings/settings.service.js';
import { UsersModule } from '../users/users.module.js';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { SessionsRepository } from './sessions.repository.js';
import { TokenService } from './token.service.js';
import { UserRemovalController } from './user-removal.controller.js';

@Global()
@Module({
  imports: [JwtModule.register({}), UsersModule],
  controllers: [AuthController, UserRemovalController],
  providers: [
    SettingsService,
    SessionsRepository,
    TokenService,
    AuthService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [TokenService],
})
export class AuthModule {}
