// Measured against what the instrument's HST model expects: the ±3σ band around the expectation, and the residual
// below it with its ±3σ lines (where the model calls a day abnormal).
import { fmtNum, t } from '../i18n';
import type { ChartOption } from './echarts';
import './echarts-xy';

export interface ModelSeries {
  unit: string;
  points: [string, number][];
  expected: (number | null)[];
  residual: (number | null)[];
  sigma: (number | null)[];
}

export function modelOption(s: ModelSeries): ChartOption {
  const at = (i: number) => s.points[i]![0];
  const pairs = (values: (number | null)[]) => values.map((v, i) => [at(i), v]);
  const lower = s.expected.map((e, i) => (e === null || s.sigma[i] === null ? null : e - 3 * s.sigma[i]!));
  const width = s.sigma.map((sd) => (sd === null ? null : 6 * sd));
  const limit = s.sigma.map((sd) => (sd === null ? null : 3 * sd));
  const time = (gridIndex: number, show: boolean) => ({
    type: 'time' as const,
    gridIndex,
    axisLabel: { show, hideOverlap: true },
  });
  return {
    animation: false,
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${fmtNum(v, 3)} ${s.unit}` },
    legend: { top: 0, data: [t('modelMeasured'), t('modelExpected'), t('modelBand'), t('modelResidual')] },
    grid: [
      { left: 64, right: 24, top: 34, height: '52%' },
      { left: 64, right: 24, top: '72%', bottom: 28 },
    ],
    dataZoom: [{ type: 'inside', xAxisIndex: [0, 1] }],
    xAxis: [time(0, false), time(1, true)],
    yAxis: [
      { type: 'value', gridIndex: 0, name: s.unit, scale: true },
      { type: 'value', gridIndex: 1, name: t('modelResidual'), scale: true },
    ],
    series: [
      // The band: an invisible lower edge with the band's width stacked on it.
      {
        type: 'line',
        name: 'lower',
        data: pairs(lower),
        stack: 'band',
        lineStyle: { opacity: 0 },
        showSymbol: false,
        silent: true,
        tooltip: { show: false },
      },
      {
        type: 'line',
        name: t('modelBand'),
        data: pairs(width),
        stack: 'band',
        lineStyle: { opacity: 0 },
        areaStyle: { color: 'rgba(47,158,107,0.18)' },
        showSymbol: false,
        silent: true,
        tooltip: { show: false },
      },
      {
        type: 'line',
        name: t('modelExpected'),
        data: pairs(s.expected),
        showSymbol: false,
        lineStyle: { color: '#2f9e6b', type: 'dashed' },
        itemStyle: { color: '#2f9e6b' },
      },
      {
        type: 'line',
        name: t('modelMeasured'),
        data: s.points,
        showSymbol: false,
        lineStyle: { color: '#0b4f9c' },
        itemStyle: { color: '#0b4f9c' },
      },
      {
        type: 'bar',
        name: t('modelResidual'),
        xAxisIndex: 1,
        yAxisIndex: 1,
        data: pairs(s.residual),
        itemStyle: { color: '#b5478c' },
      },
      {
        type: 'line',
        name: '+3σ',
        xAxisIndex: 1,
        yAxisIndex: 1,
        data: pairs(limit),
        showSymbol: false,
        lineStyle: { type: 'dotted', color: '#d9822b' },
        tooltip: { show: false },
      },
      {
        type: 'line',
        name: '−3σ',
        xAxisIndex: 1,
        yAxisIndex: 1,
        data: pairs(limit.map((v) => (v === null ? null : -v))),
        showSymbol: false,
        lineStyle: { type: 'dotted', color: '#d9822b' },
        tooltip: { show: false },
      },
    ],
  };
}
