import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ALL_STAGES, PROJECT_KINDS, SOURCES, type FundingSource, type ProjectKind, type Stage } from '@yz/domain';

const MONEY = { example: '3500000.00', description: 'CNY, decimal string' };
const RATE = { type: String, nullable: true, example: '0.8500', description: '4 places; null where the base is 0' };

export class AllocatedBySourceDto {
  @ApiProperty(MONEY) central!: string;
  @ApiProperty(MONEY) provincial!: string;
  @ApiProperty(MONEY) municipal!: string;
  @ApiProperty(MONEY) county!: string;
}

export class AllocatedTotalsDto extends AllocatedBySourceDto {
  @ApiProperty(MONEY) total!: string;
}

/** The central share against the policy's. */
export class ShareCheckDto {
  @ApiProperty({ example: '0.8000' }) expectedCentralShare!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Null while nothing is allocated' })
  actualCentralShare!: string | null;
  @ApiProperty() ok!: boolean;
}

/** GET /api/projects: a project with its ledger totals, rates, gap, share check and schedule flags. */
export class ProjectDto {
  @ApiProperty() id!: number;
  @ApiProperty({ enum: PROJECT_KINDS }) kind!: ProjectKind;
  @ApiProperty() reservoirCode!: string;
  @ApiProperty() reservoirName!: string;
  @ApiProperty({ description: 'County-level area code' }) county!: string;
  @ApiProperty() countyName!: string;
  @ApiProperty({ enum: ['medium', 'small1', 'small2'] }) scale!: string;
  @ApiProperty({ enum: ALL_STAGES }) stage!: Stage;
  @ApiProperty() inNationalPlan!: boolean;
  @ApiProperty({ format: 'date' }) plannedStart!: string;
  @ApiProperty({ format: 'date' }) plannedFinish!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) actualFinish!: string | null;
  @ApiProperty() progressPercent!: number;
  @ApiProperty(MONEY) budget!: string;
  @ApiProperty({ description: 'Where the budget figure comes from' }) budgetBasis!: string;
  @ApiProperty(MONEY) allocated!: string;
  @ApiProperty({ type: AllocatedBySourceDto }) allocatedBySource!: AllocatedBySourceDto;
  @ApiProperty(MONEY) spent!: string;
  @ApiProperty(MONEY) unspent!: string;
  @ApiProperty(RATE) allocationRate!: string | null;
  @ApiProperty(RATE) spendingRate!: string | null;
  @ApiProperty({ ...MONEY, description: 'Budget − allocated (CNY)' }) gap!: string;
  @ApiProperty({ type: ShareCheckDto }) shareCheck!: ShareCheckDto;
  @ApiProperty() overdue!: boolean;
  @ApiProperty() atRisk!: boolean;
  @ApiProperty({ type: Date }) updatedAt!: Date;
}

export class StageChangeEntryDto {
  @ApiProperty() id!: number;
  @ApiProperty({ enum: ALL_STAGES }) from!: Stage;
  @ApiProperty({ enum: ALL_STAGES }) to!: Stage;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty() changedBy!: string;
  @ApiProperty({ type: Date }) changedAt!: Date;
}

export class AllocationEntryDto {
  @ApiProperty() id!: number;
  @ApiProperty({ enum: SOURCES }) source!: FundingSource;
  @ApiProperty(MONEY) amount!: string;
  @ApiProperty({ format: 'date' }) allocatedOn!: string;
  @ApiProperty({ type: String, nullable: true }) document!: string | null;
  @ApiProperty() createdBy!: string;
  @ApiProperty({ type: Date }) createdAt!: Date;
}

export class ExpenditureEntryDto {
  @ApiProperty() id!: number;
  @ApiProperty(MONEY) amount!: string;
  @ApiProperty({ format: 'date' }) spentOn!: string;
  @ApiProperty() description!: string;
  @ApiProperty() createdBy!: string;
  @ApiProperty({ type: Date }) createdAt!: Date;
}

export class TransferEntryDto {
  @ApiProperty() id!: number;
  @ApiProperty() fromProjectId!: number;
  @ApiProperty() toProjectId!: number;
  @ApiProperty({ enum: SOURCES }) source!: FundingSource;
  @ApiProperty(MONEY) amount!: string;
  @ApiProperty() reason!: string;
  @ApiProperty() transferredBy!: string;
  @ApiProperty({ type: Date }) transferredAt!: Date;
}

/** GET /api/projects/{id}: the project with its stage history and ledger entries (who entered each, when). */
export class ProjectDetailDto extends ProjectDto {
  @ApiProperty({ type: [StageChangeEntryDto] }) stageChanges!: StageChangeEntryDto[];
  @ApiProperty({ type: [AllocationEntryDto] }) allocations!: AllocationEntryDto[];
  @ApiProperty({ type: [ExpenditureEntryDto] }) expenditures!: ExpenditureEntryDto[];
  @ApiProperty({ type: [TransferEntryDto] }) transfers!: TransferEntryDto[];
}

/** GET /api/funding/summary: one group's totals. */
export class FundingRowDto {
  @ApiProperty({ description: 'Area code, year, source or kind' }) group!: string;
  @ApiPropertyOptional({ description: 'The area name (groupBy=county)' }) groupName?: string;
  @ApiProperty() projects!: number;
  @ApiProperty({
    ...MONEY,
    type: String,
    nullable: true,
    description: "groupBy=source: the policy's central share of the budgets; null for the local sources",
  })
  budget!: string | null;
  @ApiProperty({ type: AllocatedTotalsDto }) allocated!: AllocatedTotalsDto;
  @ApiProperty({ type: String, nullable: true, description: 'Null for groupBy=source (not booked by source)' })
  spent!: string | null;
  @ApiProperty(RATE) allocationRate!: string | null;
  @ApiProperty(RATE) spendingRate!: string | null;
  @ApiProperty({ type: String, nullable: true }) gap!: string | null;
}
