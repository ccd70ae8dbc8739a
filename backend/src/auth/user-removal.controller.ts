import { Controller, Delete, HttpCode, Param, ParseIntPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth-user.js';
import { CurrentUser, Roles } from '../common/decorators.js';
import { UsersService } from '../users/users.service.js';
import { TokenService } from './token.service.js';

/** Deleting a user is an auth matter too: its tokens must stop working at once, in this process without delay. */
@ApiTags('users')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/users')
export class UserRemovalController {
  constructor(
    private readonly users: UsersService,
    private readonly tokens: TokenService,
  ) {}

  /** Deletes a user (not admin, not yourself); its sessions go with it. */
  @Delete(':id')
  @HttpCode(204)
  async remove(@CurrentUser() caller: AuthUser, @Param('id', ParseIntPipe) id: number): Promise<void> {
    await this.users.remove(id, caller.id);
    this.tokens.forgetUser(id);
  }
}
