import { daysBetween } from '../time/calendar.js';

/**
 * What a project builds: reinforcement (除险加固) of a dangerous dam, a rain/water-level telemetry system
 * (雨水情测报系统) or dam-safety monitoring facilities (大坝安全监测设施). One project per reservoir and kind.
 */
export const PROJECT_KINDS = ['reinforcement', 'telemetry', 'dam_monitoring'] as const;
export type ProjectKind = (typeof PROJECT_KINDS)[number];

/** Telemetry and dam-monitoring are construction of equipment, not of the dam: they share one stage list. */
export const CONSTRUCTION_KINDS: readonly ProjectKind[] = ['telemetry', 'dam_monitoring'];

/** The reinforcement project's stages, in the order the works go through them. */
export const STAGES = [
  'appraisal',
  'preliminary_design',
  'approval',
  'tendering',
  'construction',
  'completion_acceptance',
  'final_acceptance',
] as const;
export type ReinforcementStage = (typeof STAGES)[number];

/**
 * A telemetry or dam-monitoring project's stages: design (实施方案设计), procurement of the equipment
 * (设备采购/招标), installation on site (安装), commissioning with the platform (调试联网), acceptance (验收).
 */
export const CONSTRUCTION_STAGES = ['design', 'procurement', 'installation', 'commissioning', 'acceptance'] as const;
export type ConstructionStage = (typeof CONSTRUCTION_STAGES)[number];

/** Every stage of every kind (the stage column holds one of these; which ones depends on the kind). */
export const ALL_STAGES = [...STAGES, ...CONSTRUCTION_STAGES] as const;
export type Stage = (typeof ALL_STAGES)[number];

/** The stages of a project of this kind, in order. */
export function stagesOf(kind: ProjectKind): readonly Stage[] {
  return kind === 'reinforcement' ? STAGES : CONSTRUCTION_STAGES;
}

/**
 * Works are done once completion acceptance (竣工验收) is reached, or for telemetry and dam monitoring once the
 * system is accepted (验收); such a project cannot be overdue.
 */
export const DONE_STAGES: readonly Stage[] = ['completion_acceptance', 'final_acceptance', 'acceptance'];

export type StageStep = 'same' | 'next' | 'skip' | 'backward';

/** How a change from one stage to another relates to the order: only the next stage needs no reason. */
export function stageStep(from: Stage, to: Stage, kind: ProjectKind = 'reinforcement'): StageStep {
  const stages = stagesOf(kind);
  const d = stages.indexOf(to) - stages.indexOf(from);
  return d === 0 ? 'same' : d === 1 ? 'next' : d > 1 ? 'skip' : 'backward';
}

/** Why a stage change is refused, or null when it is allowed. */
export function stageChangeError(
  from: Stage,
  to: Stage,
  reason: string | undefined,
  kind: ProjectKind = 'reinforcement',
): string | null {
  if (!stagesOf(kind).includes(to)) {
    return `${to} is not a stage of a ${kind} project (its stages: ${stagesOf(kind).join(', ')})`;
  }
  const step = stageStep(from, to, kind);
  if (step === 'same') return `The project is already at stage ${to}`;
  if ((step === 'skip' || step === 'backward') && !reason?.trim()) {
    return step === 'skip'
      ? `Moving from ${from} to ${to} skips a stage: a reason is required`
      : `Moving back from ${from} to ${to} needs a reason`;
  }
  return null;
}

export const AT_RISK_WINDOW_DAYS = 90;

export interface ScheduleInput {
  stage: Stage;
  plannedStart: string;
  plannedFinish: string;
  progressPercent: number;
}

/** Not yet at completion acceptance and the planned finish date has passed. */
export function isOverdue(p: ScheduleInput, today: string): boolean {
  return !DONE_STAGES.includes(p.stage) && p.plannedFinish < today;
}

/**
 * Not done, not yet overdue, the planned finish within 90 days, and progress behind the share of the planned
 * duration already elapsed (compared in whole days: progress × duration < 100 × elapsed).
 */
export function isAtRisk(p: ScheduleInput, today: string): boolean {
  if (DONE_STAGES.includes(p.stage) || p.plannedFinish < today) return false;
  if (daysBetween(today, p.plannedFinish) > AT_RISK_WINDOW_DAYS) return false;
  const duration = daysBetween(p.plannedStart, p.plannedFinish);
  const elapsed = Math.max(0, daysBetween(p.plannedStart, today));
  if (duration <= 0) return p.progressPercent < 100;
  return p.progressPercent * duration < 100 * Math.min(elapsed, duration);
}
