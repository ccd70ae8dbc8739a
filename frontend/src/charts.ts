// The only ECharts entry point: registers just the parts the dashboard uses.

import { BarChart, LineChart, ScatterChart } from 'echarts/charts';
import {
  DataZoomInsideComponent,
  GridComponent,
  LegendPlainComponent,
  MarkLineComponent,
  TooltipComponent,
} from 'echarts/components';
import { init, use, type ECharts, type EChartsCoreOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([
  BarChart,
  LineChart,
  ScatterChart,
  DataZoomInsideComponent,
  GridComponent,
  LegendPlainComponent,
  MarkLineComponent,
  TooltipComponent,
  CanvasRenderer,
]);

export type ChartOption = EChartsCoreOption;
export type Chart = ECharts;

const live = new Set<Chart>();

/** Creates a chart in `el` that resizes with the window; dispose with disposeCharts(). */
export function createChart(el: HTMLElement): Chart {
  const chart = init(el, undefined, { renderer: 'canvas' });
  live.add(chart);
  return chart;
}

/** Disposes every chart, e.g. on route change. */
export function disposeCharts(): void {
  live.forEach((c) => c.dispose());
  live.clear();
}

window.addEventListener('resize', () => live.forEach((c) => c.resize()));

export const SEVERITY_COLORS = { info: '#1e6fd9', warning: '#e6b800', major: '#f07c00', critical: '#d9252a' } as const;
