// ECharts core for every chart: the canvas renderer, tooltip and legend. The chart kinds are registered by the
// modules that draw them (echarts-xy.ts); the overview's map draws without ECharts, so the first screen loads none. Each part
// comes from its own install module: echarts marks its export barrels' targets as side-effectful, so importing from
// 'echarts/components' would bundle every component.

import { use, type EChartsCoreOption } from 'echarts/core';
import { install as LegendPlainComponent } from 'echarts/lib/component/legend/installLegendPlain.js';
import { install as TooltipComponent } from 'echarts/lib/component/tooltip/install.js';
import { install as CanvasRenderer } from 'echarts/lib/renderer/installCanvasRenderer.js';

use([LegendPlainComponent, TooltipComponent, CanvasRenderer]);

export { init, use, type ECharts } from 'echarts/core';
export type ChartOption = EChartsCoreOption;
