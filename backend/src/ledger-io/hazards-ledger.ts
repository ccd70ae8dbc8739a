import { Injectable } from '@nestjs/common';
import {
  closingError,
  DAM_LOCATIONS,
  HAZARD_SOURCES,
  HAZARD_STATUSES,
  hazardDatesError,
  SEVERITIES,
  type HazardSource,
  type HazardStatus,
  type Severity,
} from '../hazards/hazard-rules.js';
import { HazardsService } from '../hazards/hazards.service.js';
import type { HazardRow, HazardValues } from '../hazards/hazards.repository.js';
import type { AreaScope } from '../common/scope.js';
import { RESERVOIR_LABEL, reservoirError, type ImportContext, type LedgerKind } from './ledger-kind.js';
import {
  date,
  integer,
  oneOf,
  reservoirCode,
  text,
  type Column,
  type ParsedRow,
  type RowError,
} from './row-validation.js';

/** An imported row: a hazard's values (who closed it is the importer) and its 编号 when it is already recorded. */
type HazardLine = Omit<HazardValues, 'closedBy'> & { id: number | null };

const SOURCE_LABELS: Record<HazardSource, string> = {
  patrol: '巡查',
  inspection: '检查',
  appraisal: '安全鉴定',
  monitoring: '监测',
};
const SEVERITY_LABELS: Record<Severity, string> = { general: '一般隐患', major: '重大隐患' };
const STATUS_LABELS: Record<HazardStatus, string> = { open: '待整改', rectifying: '整改中', closed: '已销号' };

const COLUMNS: Column[] = [
  { key: 'id', label: '编号', importable: true, required: false, parse: integer(1, 2_147_483_647) },
  { key: 'countyName', label: '县区', importable: false, required: false, parse: text(50) },
  { key: 'reservoirCode', label: RESERVOIR_LABEL, importable: true, required: true, parse: reservoirCode },
  { key: 'reservoirName', label: '水库名称', importable: false, required: false, parse: text(100) },
  { key: 'foundOn', label: '发现日期', importable: true, required: true, parse: date },
  { key: 'foundBy', label: '发现人', importable: true, required: true, parse: text(100) },
  { key: 'source', label: '来源', importable: true, required: true, parse: oneOf(HAZARD_SOURCES, SOURCE_LABELS) },
  { key: 'locationOnDam', label: '部位', importable: true, required: true, parse: oneOf(DAM_LOCATIONS) },
  { key: 'description', label: '隐患描述', importable: true, required: true, parse: text(2000) },
  { key: 'severity', label: '等级', importable: true, required: true, parse: oneOf(SEVERITIES, SEVERITY_LABELS) },
  { key: 'rectificationDeadline', label: '整改期限', importable: true, required: true, parse: date },
  { key: 'status', label: '状态', importable: true, required: true, parse: oneOf(HAZARD_STATUSES, STATUS_LABELS) },
  { key: 'closedOn', label: '销号日期', importable: true, required: false, parse: date },
  { key: 'closingEvidence', label: '销号依据', importable: true, required: false, parse: text(2000) },
  { key: 'closedBy', label: '销号人', importable: false, required: false, parse: text(64) },
];

/** The hazard ledger: a row without 编号 records a new hazard, a row with one updates that hazard. */
@Injectable()
export class HazardsLedger implements LedgerKind {
  readonly sheetName = '隐患台账';
  readonly editRole = 'engineer' as const;
  readonly namesProjects = false;
  readonly columns = COLUMNS;

  constructor(private readonly hazards: HazardsService) {}

  async exportRecords(scope: AreaScope) {
    const rows = await this.hazards.list(scope, {}, new Date(), true);
    return rows.map((h) => ({
      id: h.id,
      countyName: h.countyName,
      reservoirCode: h.reservoirCode,
      reservoirName: h.reservoirName,
      foundOn: h.foundOn,
      foundBy: h.foundBy,
      source: SOURCE_LABELS[h.source],
      locationOnDam: h.locationOnDam,
      description: h.description,
      severity: SEVERITY_LABELS[h.severity],
      rectificationDeadline: h.rectificationDeadline,
      status: STATUS_LABELS[h.status],
      closedOn: h.closedOn,
      closingEvidence: h.closingEvidence,
      closedBy: h.closedBy,
    }));
  }

  async check(ctx: ImportContext, rows: readonly ParsedRow[]): Promise<RowError[]> {
    const errors: RowError[] = [];
    const known = new Set((await this.recorded(ctx, rows)).keys());
    for (const row of rows) {
      const line = row.values as unknown as HazardLine;
      const error = reservoirError(ctx, row);
      if (error) errors.push(error);
      if (line.id !== null && !known.has(line.id)) {
        errors.push({ row: row.row, column: '编号', message: `No hazard ${line.id}` });
      }
      if (line.foundOn && line.rectificationDeadline) {
        const dates = hazardDatesError(line, ctx.today);
        if (dates) errors.push({ row: row.row, column: '整改期限', message: dates });
      }
      if (line.status === 'closed' && line.foundOn) {
        const closing = closingError(line.closingEvidence, line.closedOn ?? ctx.today, line.foundOn);
        if (closing) errors.push({ row: row.row, column: '销号依据', message: closing });
        if (line.closedOn && line.closedOn > ctx.today) {
          errors.push({ row: row.row, column: '销号日期', message: 'closedOn must not be in the future' });
        }
      }
    }
    return errors;
  }

  async apply(ctx: ImportContext, rows: readonly ParsedRow[]) {
    await this.hazards.lock(ctx.tx, idsOf(rows));
    const recorded = await this.recorded(ctx, rows);
    const changes = rows.map((row) => {
      const l = row.values as unknown as HazardLine;
      const before = l.id === null ? null : recorded.get(l.id)!;
      const closed = l.status === 'closed';
      // Whoever closed it first stays its closer; a newly closed hazard is closed by the importer.
      const closedBy = closed ? (before?.status === 'closed' ? before.closedBy : ctx.user.username) : null;
      const values: HazardValues = {
        reservoirCode: l.reservoirCode,
        foundOn: l.foundOn,
        foundBy: l.foundBy,
        source: l.source,
        locationOnDam: l.locationOnDam,
        description: l.description,
        severity: l.severity,
        rectificationDeadline: l.rectificationDeadline,
        status: l.status,
        closedOn: closed ? (l.closedOn ?? ctx.today) : null,
        closingEvidence: closed ? l.closingEvidence : null,
        closedBy,
      };
      return { before, values };
    });
    await this.hazards.saveMany(ctx.tx, ctx.user.username, changes);
    return { imported: rows.length, skipped: 0, projectIds: [] };
  }

  /** The hazards (in scope) that rows with a 编号 name, by id: one query for the whole file. */
  private async recorded(ctx: ImportContext, rows: readonly ParsedRow[]): Promise<Map<number, HazardRow>> {
    const found = await this.hazards.findMany(ctx.scope, idsOf(rows), ctx.tx);
    return new Map(found.map((h) => [h.id, h]));
  }
}

function idsOf(rows: readonly ParsedRow[]): number[] {
  return rows.map((row) => (row.values as unknown as HazardLine).id).filter((id) => id !== null);
}
