import type { CharacteristicLevels } from '../registry/index.js';
import { evaluateGrades, type Evaluation, type Grade } from '../alerts/evaluation.js';
import { isFloodSeason } from '../season/flood-season.js';
import { numberProblems, orderProblems } from '../alerts/validate.js';

/** Reservoir water level against its characteristic levels (rule 'water_level'), in metres. */
export interface WaterLevelRule {
  /**
   * Warning in the flood season; defaults to the flood-limit level 汛限水位, or to the restricted level 限制运用水位
   * of a category-3 dam not yet through reinforcement acceptance (flood/restricted-level).
   */
  floodSeasonWarning: number;
  /** Warning outside the flood season; defaults to the normal pool level 正常蓄水位. */
  offSeasonWarning: number;
  /** Defaults to the design flood level 设计洪水位. */
  major: number;
  /** Defaults to the check flood level 校核洪水位. */
  critical: number;
  /** Also critical once the water is within `crestFreeboard` of the dam crest 坝顶高程. */
  crestElevation: number;
  crestFreeboard: number;
  /** An open alert resolves only below the warning level minus this band. */
  band: number;
}

export function waterLevelDefaults(
  levels: CharacteristicLevels,
  restrictedLevel: number | null = null,
): WaterLevelRule {
  return {
    floodSeasonWarning: restrictedLevel ?? levels.floodLimitLevel,
    offSeasonWarning: levels.normalLevel,
    major: levels.designFloodLevel,
    critical: levels.checkFloodLevel,
    crestElevation: levels.crestElevation,
    crestFreeboard: 0.5,
    band: 0.1,
  };
}

// Elevations may be negative on some datums, so only their order is checked.
export function validateWaterLevelRule(rule: WaterLevelRule): string[] {
  const { floodSeasonWarning, offSeasonWarning, major, critical, crestElevation } = rule;
  return [
    ...numberProblems({ floodSeasonWarning, offSeasonWarning, major, critical, crestElevation }, 'any'),
    ...numberProblems({ crestFreeboard: rule.crestFreeboard, band: rule.band }, 'nonNegative'),
    ...orderProblems({ floodSeasonWarning, major, critical, crestElevation }),
    ...orderProblems({ offSeasonWarning, major }),
  ];
}

const SEASON_LIMIT_NAMES = {
  floodLimit: { zh: '汛限水位', en: 'flood-limit level' },
  restricted: { zh: '限制运用水位', en: 'restricted level' },
} as const;

/**
 * Levels must exceed a threshold: sitting exactly at the flood-limit or normal pool level is normal operation.
 * `seasonLimit` names the flood-season warning level: the restricted level for a restricted dam.
 */
export function evaluateWaterLevel(
  rule: WaterLevelRule,
  value: number,
  at: Date,
  seasonLimit: keyof typeof SEASON_LIMIT_NAMES = 'floodLimit',
): Evaluation {
  const warning: Grade = isFloodSeason(at)
    ? { severity: 'warning', threshold: rule.floodSeasonWarning, name: SEASON_LIMIT_NAMES[seasonLimit] }
    : { severity: 'warning', threshold: rule.offSeasonWarning, name: { zh: '正常蓄水位', en: 'normal pool level' } };
  const grades: Grade[] = [
    warning,
    { severity: 'major', threshold: rule.major, name: { zh: '设计洪水位', en: 'design flood level' } },
    { severity: 'critical', threshold: rule.critical, name: { zh: '校核洪水位', en: 'check flood level' } },
    {
      severity: 'critical',
      threshold: rule.crestElevation - rule.crestFreeboard,
      name: { zh: `坝顶高程减超高 ${rule.crestFreeboard} m`, en: `dam crest less ${rule.crestFreeboard} m freeboard` },
    },
  ];
  return evaluateGrades(
    {
      ruleKey: 'water_level',
      subject: { zh: '库水位', en: 'Water level' },
      unit: 'm',
      digits: 2,
      grades,
      inclusive: false,
      clearBelow: Math.min(...grades.map((grade) => grade.threshold)) - rule.band,
    },
    value,
  );
}
