// The map's ECharts parts: geo outlines, the choropleth and the reservoir points.

import { install as MapChart } from 'echarts/lib/chart/map/install.js';
import { install as ScatterChart } from 'echarts/lib/chart/scatter/install.js';
import { install as GeoComponent } from 'echarts/lib/component/geo/install.js';
import { install as VisualMapContinuousComponent } from 'echarts/lib/component/visualMap/installVisualMapContinuous.js';
import { use } from './echarts';

use([MapChart, ScatterChart, GeoComponent, VisualMapContinuousComponent]);
