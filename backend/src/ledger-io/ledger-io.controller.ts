import {
  BadRequestException,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseEnumPipe,
  Post,
  Query,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth-user.js';
import { CurrentUser, Roles } from '../common/decorators.js';
import { Scope, type AreaScope } from '../common/scope.js';
import { LedgerExportQueryDto } from './ledger-io.dto.js';
import { LedgerIoService } from './ledger-io.service.js';
import { LEDGER_KINDS, type LedgerKindName } from './ledger-kind.js';

/** Files above this are refused before they are read. */
const MAX_FILE_BYTES = 5 * 1024 * 1024;
const KIND_VALUES = Object.fromEntries(LEDGER_KINDS.map((k) => [k, k]));

/** The part of a multer upload used here (kept in memory: at most 5 MB). */
interface UploadedSpreadsheet {
  buffer: Buffer;
  size: number;
}

@ApiTags('ledger')
@ApiBearerAuth()
@Controller('api/ledger')
export class LedgerIoController {
  constructor(private readonly ledger: LedgerIoService) {}

  @Get(':kind/export')
  @ApiParam({ name: 'kind', enum: LEDGER_KINDS })
  @ApiOperation({ summary: 'Export a ledger as CSV (UTF-8 with BOM) or XLSX; headers are the Chinese column names' })
  async export(
    @Scope() scope: AreaScope,
    @Param('kind', new ParseEnumPipe(KIND_VALUES)) kind: LedgerKindName,
    @Query() q: LedgerExportQueryDto,
  ) {
    const file = await this.ledger.export(scope, kind, q.format ?? 'xlsx');
    return new StreamableFile(file.body, {
      type: file.contentType,
      disposition: `attachment; filename="${file.filename}"`,
    });
  }

  @Post(':kind/import')
  @Roles('planner', 'engineer')
  @HttpCode(200)
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_FILE_BYTES, files: 1 } }))
  @ApiParam({ name: 'kind', enum: LEDGER_KINDS })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] },
  })
  @ApiOperation({
    summary:
      'Import a CSV or XLSX file (field "file", at most 5 MB). Every row is checked first: any bad row → 400 ' +
      '{ errors: [{ row, column, message }] } and nothing changes; otherwise all rows apply in one transaction. ' +
      'projects/allocations/expenditures: planners; responsible-persons/hazards: engineers.',
  })
  import(
    @CurrentUser() user: AuthUser,
    @Scope() scope: AreaScope,
    @Param('kind', new ParseEnumPipe(KIND_VALUES)) kind: LedgerKindName,
    @UploadedFile() file: UploadedSpreadsheet | undefined,
  ) {
    if (!file || file.size === 0) throw new BadRequestException('Upload the file as multipart field "file"');
    return this.ledger.import(user, scope, kind, file.buffer);
  }
}
