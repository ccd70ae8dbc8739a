// The time-series and bar charts' ECharts parts (reservoir and programme pages).

import { install as BarChart } from 'echarts/lib/chart/bar/install.js';
import { install as LineChart } from 'echarts/lib/chart/line/install.js';
import { install as DataZoomInsideComponent } from 'echarts/lib/component/dataZoom/installDataZoomInside.js';
import { install as DataZoomSliderComponent } from 'echarts/lib/component/dataZoom/installDataZoomSlider.js';
import { install as GridComponent } from 'echarts/lib/component/grid/install.js';
import { install as MarkLineComponent } from 'echarts/lib/component/marker/installMarkLine.js';
import { use } from './echarts';

use([BarChart, LineChart, DataZoomInsideComponent, DataZoomSliderComponent, GridComponent, MarkLineComponent]);
