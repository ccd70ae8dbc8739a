import type { Evaluation } from '../alerts/evaluation.js';
import type { Severity } from '../alerts/severity.js';
import { rainfallFlag, type CriticalRainfall, type RainTarget } from './critical-rainfall.js';
import type { SpillEvent } from './limit-events.js';
import { DESIGN_FLOOD_ALERT_HOURS, designFloodSoon } from './projection.js';

/** The alert rules the flood foresight adds: rule keys as stored in alerts.rule_key. */
export const FLOOD_RULE_KEYS = { outlook: 'flood_outlook', criticalRain: 'critical_rain', spill: 'spill' } as const;

/**
 * Orange (major) while the projected time to the design flood level is under 6 h (0: already there); clears once
 * the projection no longer reaches it within 6 h.
 */
export function evaluateFloodOutlook(hoursTo: { designFlood: number | null }): Evaluation {
  const soon = designFloodSoon(hoursTo);
  const hours = hoursTo.designFlood;
  const shown = hours === null ? { zh: '24 小时内不会', en: 'not within 24 h' } : hoursText(hours);
  return {
    ruleKey: FLOOD_RULE_KEYS.outlook,
    severity: soon ? 'major' : null,
    threshold: DESIGN_FLOOD_ALERT_HOURS,
    value: hours ?? 24,
    clear: !soon,
    message: {
      zh: `按当前入库流量推算，${shown.zh}到达设计洪水位${soon ? '（橙色预警）' : ''}`,
      en: `At the current inflow the design flood level is reached ${shown.en}${soon ? ' (Orange alert)' : ''}`,
    },
  };
}

function hoursText(hours: number): { zh: string; en: string } {
  return hours === 0
    ? { zh: '已', en: 'now' }
    : { zh: `约 ${hours.toFixed(1)} 小时后`, en: `in about ${hours.toFixed(1)} h` };
}

const FLAG_SEVERITY: Record<RainTarget, Severity> = {
  floodLimit: 'warning',
  designFlood: 'major',
  checkFlood: 'critical',
};
const TARGET_NAMES: Record<RainTarget, { zh: string; en: string }> = {
  floodLimit: { zh: '汛限（限制）水位', en: 'flood-limit (restricted) level' },
  designFlood: { zh: '设计洪水位', en: 'design flood level' },
  checkFlood: { zh: '校核洪水位', en: 'check flood level' },
};

/**
 * The rain of the last 3 h against the critical rainfall: flagged yellow above the critical rainfall to the
 * flood-limit (or restricted) level, orange above that to the design flood level, red above the check flood's.
 */
export function evaluateCriticalRain(critical: CriticalRainfall, last3h: number): Evaluation {
  // A level already reached (critical rainfall 0) is the water-level rule's business, not a rain flag.
  const ahead = Object.fromEntries(
    Object.entries(critical).map(([k, mm]) => [k, mm === 0 ? null : mm]),
  ) as CriticalRainfall;
  const target = rainfallFlag(ahead, { last3h });
  const shown = target ?? 'floodLimit';
  const threshold = critical[shown] ?? 0;
  const rain = `${last3h.toFixed(1)} mm`;
  const limit = `${threshold.toFixed(1)} mm`;
  return {
    ruleKey: FLOOD_RULE_KEYS.criticalRain,
    severity: target && FLAG_SEVERITY[target],
    threshold,
    value: last3h,
    clear: target === null,
    message: target
      ? {
          zh: `3 小时雨量 ${rain}，超过到${TARGET_NAMES[target].zh}的临界雨量 ${limit}`,
          en: `3 h rain ${rain}, above the critical rainfall to the ${TARGET_NAMES[target].en} ${limit}`,
        }
      : {
          zh: `3 小时雨量 ${rain}，未超过临界雨量 ${limit}`,
          en: `3 h rain ${rain}, below the critical rainfall ${limit}`,
        },
  };
}

/**
 * A spill over an ungated spillway: orange from its start to its end, told to the government responsible person
 * (see alerts/recipients), who warns the people downstream.
 */
export function evaluateSpill(event: SpillEvent, open: boolean): Evaluation {
  const q = `${event.peakDischarge.toFixed(2)} m³/s`;
  return {
    ruleKey: FLOOD_RULE_KEYS.spill,
    severity: open ? 'major' : null,
    threshold: event.threshold.level,
    value: event.peakLevel,
    clear: !open,
    message: open
      ? {
          zh: `溢洪道开始溢洪，最大下泄流量 ${q}，请通知下游群众`,
          en: `The spillway is spilling, peak discharge ${q}: warn the people downstream`,
        }
      : { zh: `溢洪结束，最大下泄流量 ${q}`, en: `Spill over, peak discharge ${q}` },
  };
}
