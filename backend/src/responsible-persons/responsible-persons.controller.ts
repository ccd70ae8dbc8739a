import { Body, Controller, Get, Param, ParseEnumPipe, Put, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth-user.js';
import { CurrentUser, Roles } from '../common/decorators.js';
import { Scope, type AreaScope } from '../common/scope.js';
import { PERSON_ROLES, type PersonRole } from './person-roles.js';
import { PersonExportQueryDto, PersonListQueryDto, PersonRowDto, PutPersonDto } from './responsible-persons.dto.js';
import { ResponsiblePersonsService } from './responsible-persons.service.js';

const ROLE_VALUES = Object.fromEntries(PERSON_ROLES.map((r) => [r, r]));

/** Everyone signed in reads the four responsible persons; engineers edit them. */
@ApiTags('responsible-persons')
@ApiBearerAuth()
@Controller('api')
export class ResponsiblePersonsController {
  constructor(private readonly persons: ResponsiblePersonsService) {}

  @Get('responsible-persons')
  @ApiOperation({ summary: 'The four responsible persons (四个责任人) of each reservoir' })
  @ApiOkResponse({ type: [PersonRowDto] })
  list(@Scope() scope: AreaScope, @Query() q: PersonListQueryDto) {
    return this.persons.list(scope, q);
  }

  @Get('responsible-persons/export')
  @ApiOperation({ summary: 'The yearly public list: one row per reservoir, the four persons with phone numbers' })
  async exportList(@Scope() scope: AreaScope, @Query() q: PersonExportQueryDto) {
    const file = await this.persons.exportList(scope, q);
    return new StreamableFile(file.body, {
      type: file.contentType,
      disposition: `attachment; filename="${file.filename}"`,
    });
  }

  @Put('reservoirs/:code/responsible-persons/:role')
  @Roles('engineer')
  @ApiParam({ name: 'role', enum: PERSON_ROLES })
  @ApiOperation({ summary: 'Set the person holding a role at a reservoir (audited)' })
  @ApiOkResponse({ type: PersonRowDto })
  put(
    @CurrentUser() user: AuthUser,
    @Scope() scope: AreaScope,
    @Param('code') code: string,
    @Param('role', new ParseEnumPipe(ROLE_VALUES)) role: PersonRole,
    @Body() dto: PutPersonDto,
  ) {
    return this.persons.put(user, scope, code, role, dto);
  }
}
