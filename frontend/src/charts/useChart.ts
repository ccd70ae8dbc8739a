// A chart bound to an element ref: created on mount, resized with its box, disposed on unmount. The option is a
// computed, so a change of data or language redraws it.

import { onBeforeUnmount, onMounted, shallowRef, watch, type Ref } from 'vue';
import { init, type ChartOption, type ECharts } from './echarts';

export function useChart(el: Ref<HTMLElement | null>, option: Ref<ChartOption | null>, onClick?: (p: unknown) => void) {
  const chart = shallowRef<ECharts | null>(null);
  let observer: ResizeObserver | null = null;
  const draw = () => {
    if (chart.value && option.value) chart.value.setOption(option.value, { notMerge: true, lazyUpdate: true });
  };
  onMounted(() => {
    if (!el.value) return;
    chart.value = init(el.value, undefined, { renderer: 'canvas' });
    if (onClick) chart.value.on('click', onClick);
    observer = new ResizeObserver(() => chart.value?.resize());
    observer.observe(el.value);
    draw();
  });
  watch(option, draw);
  onBeforeUnmount(() => {
    observer?.disconnect();
    chart.value?.dispose();
  });
  return chart;
}
