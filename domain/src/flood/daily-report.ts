import { groupBy } from '../collections/index.js';
import { hydrologicalDay, type Interval } from '../time/index.js';
import { rainIn } from './rainfall.js';
import { effectiveLimitLevel, type DamStatus, type LimitKind } from './restricted-level.js';
import { HOUR_MS, round, type FloodLevels, type StorageCurve } from './types.js';
import type { TimedValue } from '../time/index.js';

/** The alert severities (blue, yellow, orange, red), as the alert rules name them. */
export type AlertSeverity = 'info' | 'warning' | 'major' | 'critical';

/** How many stations the wettest list holds by default. */
export const WETTEST_STATIONS = 10;
/** The 08:00 level is the latest reading in the hour up to 08:00 (one reporting interval); older is unknown. */
const LEVEL_MAX_AGE_HOURS = 1;

/** One reservoir and its station as the database sees them at the report's 08:00. */
export interface ReportReservoir {
  code: string;
  name: string;
  areaCode: string;
  levels: FloodLevels;
  dam: DamStatus;
  curve: StorageCurve;
  /** Rain increments (mm); only those in the day count. null: no rain gauge. */
  rainfall: readonly TimedValue[] | null;
  /** The latest water level (m) at or before 08:00; null when there is none. */
  level: TimedValue | null;
  station: {
    /** Whether it was monitored before the day's end: one registered later owed nothing and was not offline. */
    monitored: boolean;
    online: boolean;
    lastReportAt: Date | null;
    /** Reports received and owed during the day, for 到报率. */
    received: number;
    expected: number;
  };
}

export interface DailyReportInput {
  /** YYYY-MM-DD: the hydrological day ending at 08:00 Beijing time on this date. */
  date: string;
  /** Whether 08:00 on `date` is in the flood season (it picks the limit levels). */
  floodSeason: boolean;
  /** The areas reported on, in report order, e.g. the registry's AREAS. */
  areas: readonly { code: string; name: string }[];
  reservoirs: readonly ReportReservoir[];
  /** Alerts open (not resolved) at 08:00. */
  openAlerts: readonly { severity: AlertSeverity }[];
  wettest?: number;
}

export interface StationRainfall {
  code: string;
  name: string;
  areaCode: string;
  /** mm */
  rainfall: number;
}

export interface RainfallSummary {
  /** Stations with a rain gauge, and those of them that reported during the day. */
  gauges: number;
  reporting: number;
  /** Mean over the reporting gauges (mm); null when none reported. */
  mean: number | null;
  max: StationRainfall | null;
}

export interface ArrivalSummary {
  stations: number;
  received: number;
  expected: number;
  /** 到报率 0–1; null when nothing was owed. */
  rate: number | null;
}

export interface AboveLimit {
  code: string;
  name: string;
  areaCode: string;
  /** m, at `levelAt` (ISO) */
  level: number;
  levelAt: string;
  limitLevel: number;
  limitKind: LimitKind;
  /** level − limit (m) */
  excess: number;
  /** S(level) − S(limit) (10⁴ m³) */
  excessStorage: number;
}

/** The 08:00 daily report's figures, plain JSON for the API, the spreadsheet and the printable page. */
export interface DailyReport {
  date: string;
  /** The hydrological day (from, to], ISO. */
  from: string;
  to: string;
  rainfall: {
    areas: (RainfallSummary & { areaCode: string; name: string })[];
    total: RainfallSummary;
    /** Wettest stations first, rain-free ones left out. */
    wettest: StationRainfall[];
  };
  /** Reservoirs above their effective limit at 08:00, largest excess first. */
  aboveLimit: AboveLimit[];
  openAlerts: Record<AlertSeverity | 'total', number>;
  offlineStations: { code: string; name: string; areaCode: string; lastReportAt: string | null }[];
  arrival: {
    areas: (ArrivalSummary & { areaCode: string; name: string })[];
    total: ArrivalSummary;
  };
}

export function buildDailyReport(input: DailyReportInput): DailyReport {
  const day = hydrologicalDay(input.date);
  const { reservoirs, areas } = input;
  // A gauge that sent nothing for the day is left out of the means (unknown, not dry).
  const reported = reservoirs.flatMap(({ code, name, areaCode, rainfall }) => {
    const readings = rainfall === null ? [] : rainIn(rainfall, day);
    const mm = readings.reduce((sum, r) => sum + r.value, 0);
    return readings.length === 0 ? [] : [{ code, name, areaCode, rainfall: round(mm, 1) }];
  });
  // Gauges of the day: those monitored, and any whose rain of the day is stored (a history loaded later).
  const reporting = new Set(reported.map((r) => r.code));
  const gauges = reservoirs.filter((r) => r.rainfall !== null && (r.station.monitored || reporting.has(r.code)));
  const gaugesIn = groupBy(gauges, (r) => r.areaCode);
  const reportedIn = groupBy(reported, (r) => r.areaCode);
  const reservoirsIn = groupBy(reservoirs, (r) => r.areaCode);

  return {
    date: input.date,
    from: day.from.toISOString(),
    to: day.to.toISOString(),
    rainfall: {
      areas: areas.map(({ code, name }) => ({
        areaCode: code,
        name,
        ...rainfallSummary(gaugesIn.get(code)?.length ?? 0, reportedIn.get(code) ?? []),
      })),
      total: rainfallSummary(gauges.length, reported),
      wettest: reported
        .filter((s) => s.rainfall > 0)
        .sort((a, b) => b.rainfall - a.rainfall || a.code.localeCompare(b.code))
        .slice(0, input.wettest ?? WETTEST_STATIONS),
    },
    aboveLimit: reservoirs
      .flatMap((r) => aboveLimit(r, day, input.floodSeason))
      .sort((a, b) => b.excess - a.excess || a.code.localeCompare(b.code)),
    openAlerts: countBySeverity(input.openAlerts),
    offlineStations: reservoirs
      .filter((r) => r.station.monitored && !r.station.online)
      .map(({ code, name, areaCode, station }) => ({
        code,
        name,
        areaCode,
        lastReportAt: station.lastReportAt?.toISOString() ?? null,
      })),
    arrival: {
      areas: areas.map(({ code, name }) => ({ areaCode: code, name, ...arrivalSummary(reservoirsIn.get(code) ?? []) })),
      total: arrivalSummary(reservoirs),
    },
  };
}

function rainfallSummary(gauges: number, reported: readonly StationRainfall[]): RainfallSummary {
  const max = reported.reduce<StationRainfall | null>((m, s) => (m === null || s.rainfall > m.rainfall ? s : m), null);
  const sum = reported.reduce((total, s) => total + s.rainfall, 0);
  return { gauges, reporting: reported.length, mean: max === null ? null : round(sum / reported.length, 1), max };
}

function aboveLimit(r: ReportReservoir, day: Interval, floodSeason: boolean): AboveLimit[] {
  const { level } = r;
  if (
    level === null ||
    level.time > day.to ||
    day.to.getTime() - level.time.getTime() > LEVEL_MAX_AGE_HOURS * HOUR_MS
  ) {
    return [];
  }
  const limit = effectiveLimitLevel(r, r.dam, floodSeason);
  if (level.value <= limit.level) return [];
  return [
    {
      code: r.code,
      name: r.name,
      areaCode: r.areaCode,
      level: level.value,
      levelAt: level.time.toISOString(),
      limitLevel: limit.level,
      limitKind: limit.kind,
      excess: round(level.value - limit.level, 2),
      excessStorage: round(r.curve.storageAt(level.value) - r.curve.storageAt(limit.level), 3),
    },
  ];
}

function countBySeverity(alerts: readonly { severity: AlertSeverity }[]): Record<AlertSeverity | 'total', number> {
  const counts = { info: 0, warning: 0, major: 0, critical: 0, total: alerts.length };
  for (const { severity } of alerts) counts[severity] += 1;
  return counts;
}

/** 到报率 = reports received (at most those owed, per station) / reports owed, over the stations monitored. */
function arrivalSummary(reservoirs: readonly ReportReservoir[]): ArrivalSummary {
  const stations = reservoirs.map((r) => r.station).filter((s) => s.monitored);
  let received = 0;
  let expected = 0;
  for (const station of stations) {
    received += Math.min(station.received, station.expected);
    expected += station.expected;
  }
  return { stations: stations.length, received, expected, rate: expected > 0 ? round(received / expected, 3) : null };
}
