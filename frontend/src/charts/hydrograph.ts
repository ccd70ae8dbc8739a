// Chart options for the reservoir page: the hydrograph (rain bars and cumulative rain on top, water level below
// against the characteristic levels, storage on the right) and the dam-safety charts with their thresholds.

import { fmtNum, fmtTime, t } from '../i18n';
import type { Levels } from '../api/types';
import { cumulative, labelSpots, LEVEL_KEYS, levelAxisRange, storageAt, thresholdRange } from './axes';
import type { ChartOption } from './echarts';
import './echarts-xy';

const LEVEL_COLORS: Record<keyof Levels, string> = {
  deadLevel: '#7a8794',
  floodLimitLevel: '#e6b800',
  normalLevel: '#2f9e6b',
  designFloodLevel: '#f07c00',
  checkFloodLevel: '#d9252a',
  crestElevation: '#5b2c0f',
};

export interface LevelLine {
  name: string;
  yAxis: number;
  color: string;
}

/** Characteristic levels as lines; equal levels share one line (e.g. 汛限水位/正常蓄水位). */
export function levelLines(levels: Levels): LevelLine[] {
  const lines: LevelLine[] = [];
  for (const k of LEVEL_KEYS) {
    const v = levels[k];
    if (typeof v !== 'number') continue;
    const same = lines.find((l) => Math.abs(l.yAxis - v) < 1e-6);
    if (same) same.name += `/${t(k)}`;
    else lines.push({ name: t(k), yAxis: v, color: LEVEL_COLORS[k] });
  }
  return lines;
}

const timeAxis = (gridIndex: number, show: boolean, from: number, to: number) => ({
  type: 'time',
  gridIndex,
  min: from,
  max: to,
  axisLabel: { show, formatter: (v: number) => fmtTime(v, 'short'), hideOverlap: true },
  axisTick: { show },
});

export interface HydroInput {
  rain: [string, number][];
  level: [string, number][];
  levels: Levels;
  limit: number;
  curve: [number, number][];
  from: number;
  to: number;
  mode: 'focus' | 'full';
  /** Phone width: line labels go to the list under the chart. */
  compact: boolean;
}

export function hydrographOption(i: HydroInput): ChartOption & { drawnLevels: LevelLine[] } {
  const [lo, hi] = levelAxisRange(
    i.level.map((p) => p[1]),
    i.levels,
    i.limit,
    i.mode,
  );
  const drawn = levelLines(i.levels).filter((l) => l.yAxis >= lo && l.yAxis <= hi);
  const spots = labelSpots(
    drawn.map((l) => l.yAxis),
    (hi - lo) / 14,
  );
  const maxRain = Math.max(1, ...i.rain.map((p) => p[1]));
  const total = cumulative(i.rain);
  const maxTotal = Math.max(1, total.length ? total[total.length - 1]![1] : 0);
  const right = i.compact ? 46 : 70;
  return {
    drawnLevels: drawn,
    animation: false,
    axisPointer: { link: [{ xAxisIndex: 'all' }] },
    tooltip: {
      trigger: 'axis',
      formatter: (ps: { seriesName: string; seriesIndex: number; value: [string, number]; marker: string }[]) => {
        if (!ps.length) return '';
        const rows = ps.map((p) => {
          const unit = p.seriesIndex === 2 ? 'm' : 'mm';
          const extra =
            p.seriesIndex === 2
              ? ` · ${t('storageShort')} ${fmtNum(storageAt(i.curve, p.value[1]), 2)} ${t('wanM3')}`
              : '';
          return `${p.marker}${p.seriesName}: ${fmtNum(p.value[1], p.seriesIndex === 2 ? 2 : 1)} ${unit}${extra}`;
        });
        return `${fmtTime(ps[0]!.value[0])}<br>${rows.join('<br>')}`;
      },
    },
    legend: { top: 0, data: [t('rainfall'), t('rainCumulative'), t('waterLevel')] },
    grid: [
      { left: 56, right, top: 34, height: '22%' },
      { left: 56, right, top: '40%', bottom: 64 },
    ],
    dataZoom: [
      { type: 'inside', xAxisIndex: [0, 1] },
      { type: 'slider', xAxisIndex: [0, 1], height: 18, bottom: 8 },
      { type: 'inside', yAxisIndex: [2, 3], zoomOnMouseWheel: 'shift', moveOnMouseMove: 'shift' },
    ],
    xAxis: [timeAxis(0, false, i.from, i.to), timeAxis(1, true, i.from, i.to)],
    yAxis: [
      {
        type: 'value',
        gridIndex: 0,
        inverse: true,
        name: t('rainfall'),
        max: Math.ceil(maxRain * 1.15),
        nameLocation: 'start',
      },
      {
        type: 'value',
        gridIndex: 0,
        inverse: true,
        position: 'right',
        name: t('rainCumulative'),
        nameLocation: 'start',
        max: Math.ceil(maxTotal * 1.1),
        splitLine: { show: false },
      },
      { type: 'value', gridIndex: 1, name: t('waterLevel'), min: lo, max: hi, scale: true },
      {
        type: 'value',
        gridIndex: 1,
        position: 'right',
        name: t('storage'),
        min: lo,
        max: hi,
        splitLine: { show: false },
        axisLabel: { formatter: (v: number) => fmtNum(storageAt(i.curve, v), 1) },
      },
    ],
    series: [
      {
        type: 'bar',
        name: t('rainfall'),
        xAxisIndex: 0,
        yAxisIndex: 0,
        data: i.rain,
        itemStyle: { color: '#4a90e2' },
        barMaxWidth: 8,
      },
      {
        type: 'line',
        name: t('rainCumulative'),
        xAxisIndex: 0,
        yAxisIndex: 1,
        data: total,
        showSymbol: false,
        step: 'end',
        lineStyle: { width: 1.5, color: '#1b3a8a' },
        itemStyle: { color: '#1b3a8a' },
      },
      {
        type: 'line',
        name: t('waterLevel'),
        xAxisIndex: 1,
        yAxisIndex: 2,
        data: i.level,
        showSymbol: false,
        lineStyle: { width: 2, color: '#0b4f9c' },
        itemStyle: { color: '#0b4f9c' },
        markLine: {
          symbol: 'none',
          silent: true,
          lineStyle: { type: 'dashed', width: 1 },
          data: drawn.map((l, k) => ({
            name: l.name,
            yAxis: l.yAxis,
            lineStyle: { color: l.color },
            label: {
              show: !i.compact,
              position: spots[k],
              formatter: `${l.name} ${l.yAxis.toFixed(2)} m`,
              fontSize: 11,
              color: l.color,
              textBorderColor: '#fff',
              textBorderWidth: 2,
            },
          })),
        },
      },
    ],
  };
}

const PALETTE = ['#0b4f9c', '#2f9e6b', '#b5478c', '#d9822b', '#6a5acd', '#1e8a99'];

export interface SensorSeries {
  code: string;
  unit: string;
  threshold: number | null;
  points: [string, number][];
}

/** One dam-safety quantity (seepage pressure, seepage flow or displacement): each sensor with its own threshold. */
export function damSafetyOption(series: SensorSeries[], from: number, to: number): ChartOption {
  const unit = series[0]?.unit ?? '';
  const range = thresholdRange(
    series.flatMap((s) => s.points.map((p) => p[1])),
    series.flatMap((s) => (s.threshold === null ? [] : [s.threshold])),
  );
  const thresholds = series.map((s) => s.threshold ?? NaN);
  const spots = range ? labelSpots(thresholds, (range[1] - range[0]) / 12) : [];
  return {
    animation: false,
    color: PALETTE,
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${fmtNum(v, 2)} ${unit}` },
    legend: { top: 0 },
    grid: { left: 56, right: 24, top: 34, bottom: 40 },
    dataZoom: [{ type: 'inside' }],
    xAxis: timeAxis(0, true, from, to),
    yAxis: { type: 'value', name: unit, min: range?.[0], max: range?.[1] },
    series: series.map((s, k) => ({
      type: 'line',
      name: s.code,
      data: s.points,
      showSymbol: false,
      markLine:
        s.threshold === null
          ? undefined
          : {
              symbol: 'none',
              silent: true,
              lineStyle: { type: 'dashed', color: PALETTE[k % PALETTE.length] },
              data: [{ yAxis: s.threshold, name: s.code }],
              label: {
                position: spots[k],
                formatter: `${s.code} ${t('threshold')} ${fmtNum(s.threshold, 2)} ${s.unit}`,
                color: PALETTE[k % PALETTE.length],
                fontSize: 11,
              },
            },
    })),
  };
}
