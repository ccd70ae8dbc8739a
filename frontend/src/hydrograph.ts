// Chart options for the reservoir detail: hydrograph (rain on top, level below) and dam-safety lines.

import type { ChartOption } from './charts';
import { fmtNum, fmtTime, t } from './i18n';
import type { Levels } from './types';

const LEVEL_KEYS: (keyof Levels)[] = [
  'deadLevel',
  'floodLimitLevel',
  'normalLevel',
  'designFloodLevel',
  'checkFloodLevel',
  'crestElevation',
];
const LEVEL_COLORS: Record<keyof Levels, string> = {
  deadLevel: '#7a8794',
  floodLimitLevel: '#e6b800',
  normalLevel: '#2f9e6b',
  designFloodLevel: '#f07c00',
  checkFloodLevel: '#d9252a',
  crestElevation: '#5b2c0f',
};

/** Storage (10⁴ m³) at a level by linear interpolation of the stage–storage curve. */
export function storageAt(curve: [number, number][], level: number): number | null {
  if (curve.length < 2) return null;
  const c = [...curve].sort((a, b) => a[0] - b[0]);
  let i = c.findIndex(([l]) => l >= level);
  if (i <= 0) i = i === 0 ? 1 : c.length - 1;
  const [l0, s0] = c[i - 1];
  const [l1, s1] = c[i];
  return l1 === l0 ? s0 : Math.max(0, s0 + ((level - l0) * (s1 - s0)) / (l1 - l0));
}

/** Characteristic levels as markLine data; equal levels share one line (e.g. 汛限水位/正常蓄水位). */
type LevelLine = { name: string; yAxis: number; lineStyle: { color: string } };

export function levelLines(levels: Levels): (LevelLine & { label: { position: string } })[] {
  const lines: LevelLine[] = [];
  for (const k of LEVEL_KEYS) {
    const v = levels[k];
    if (typeof v !== 'number') continue;
    const same = lines.find((l) => Math.abs(l.yAxis - v) < 1e-6);
    if (same) same.name += `/${t(k)}`;
    else lines.push({ name: t(k), yAxis: v, lineStyle: { color: LEVEL_COLORS[k] } });
  }
  // Close levels would print their labels on top of each other: spread them along the line.
  const spots = ['insideStartTop', 'insideMiddleTop', 'insideEndTop'];
  return lines.map((l, i) => ({ ...l, label: { position: spots[i % 3] } }));
}

/** Axis bounds on a 1/2/5 × 10ⁿ step so both level and storage axes share clean ticks. */
function niceRange(min: number, max: number): [number, number, number] {
  const raw = (max - min) / 6;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  return [Math.floor(min / step) * step, Math.ceil(max / step) * step, step];
}

const timeAxis = (gridIndex: number, show: boolean, from: number, to: number) => ({
  type: 'time',
  gridIndex,
  min: from,
  max: to,
  axisLabel: { show, formatter: (v: number) => fmtTime(v, 'short'), hideOverlap: true },
  axisTick: { show },
});

export function hydrographOption(
  rain: [string, number][],
  level: [string, number][],
  levels: Levels,
  curve: [number, number][],
  from: number,
  to: number,
): ChartOption {
  const values = level.map((p) => p[1]);
  const [lo, hi, step] = niceRange(
    Math.min(levels.deadLevel, ...values) - 0.3,
    Math.max(levels.crestElevation, ...values) + 0.3,
  );
  const maxRain = Math.max(5, ...rain.map((p) => p[1]));
  return {
    animation: false,
    axisPointer: { link: [{ xAxisIndex: 'all' }] },
    tooltip: {
      trigger: 'axis',
      formatter: (ps: { seriesName: string; value: [string, number]; marker: string }[]) =>
        ps.length
          ? `${fmtTime(ps[0].value[0])}<br>` +
            ps.map((p) => `${p.marker}${p.seriesName}: ${fmtNum(p.value[1])}`).join('<br>')
          : '',
    },
    legend: { top: 0, data: [t('rainfall'), t('waterLevel')] },
    grid: [
      { left: 56, right: 70, top: 34, height: '21%' },
      { left: 56, right: 70, top: '39%', bottom: 40 },
    ],
    dataZoom: [{ type: 'inside', xAxisIndex: [0, 1] }],
    xAxis: [timeAxis(0, false, from, to), timeAxis(1, true, from, to)],
    yAxis: [
      {
        type: 'value',
        gridIndex: 0,
        inverse: true,
        name: t('rainfall'),
        max: Math.ceil(maxRain * 1.1),
        nameLocation: 'start',
      },
      { type: 'value', gridIndex: 1, name: t('waterLevel'), min: lo, max: hi, interval: step },
      {
        type: 'value',
        gridIndex: 1,
        position: 'right',
        name: t('storage'),
        min: lo,
        max: hi,
        interval: step,
        splitLine: { show: false },
        axisLabel: { formatter: (v: number) => fmtNum(storageAt(curve, v), 1) },
      },
    ],
    series: [
      {
        type: 'bar',
        name: t('rainfall'),
        xAxisIndex: 0,
        yAxisIndex: 0,
        data: rain,
        itemStyle: { color: '#4a90e2' },
        barMaxWidth: 8,
      },
      {
        type: 'line',
        name: t('waterLevel'),
        xAxisIndex: 1,
        yAxisIndex: 1,
        data: level,
        showSymbol: false,
        lineStyle: { width: 2, color: '#0b4f9c' },
        itemStyle: { color: '#0b4f9c' },
        markLine: {
          symbol: 'none',
          silent: true,
          label: { formatter: '{b} {c}', fontSize: 11 },
          lineStyle: { type: 'dashed', width: 1 },
          data: levelLines(levels),
        },
      },
    ],
  };
}

export function damSafetyOption(
  series: { name: string; points: [string, number][]; threshold: number | null }[],
  unit: string,
  from: number,
  to: number,
): ChartOption {
  return {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 56, right: 24, top: 34, bottom: 40 },
    xAxis: timeAxis(0, true, from, to),
    yAxis: { type: 'value', scale: true, name: unit },
    series: series.map((s) => ({
      type: 'line',
      name: s.name,
      data: s.points,
      showSymbol: false,
      markLine:
        s.threshold === null
          ? undefined
          : {
              symbol: 'none',
              silent: true,
              data: [{ yAxis: s.threshold, name: t('threshold') }],
              label: { formatter: '{b} {c}' },
            },
    })),
  };
}
