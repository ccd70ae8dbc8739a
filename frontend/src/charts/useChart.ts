// A chart bound to an element ref: created when the element appears (it may sit behind a v-if until data loads),
// resized with its box, disposed on unmount. The option is a computed, so new data or a language switch redraws it.

import { onBeforeUnmount, shallowRef, watch, type Ref } from 'vue';
import { init, type ChartOption, type ECharts } from './echarts';

export function useChart(el: Ref<HTMLElement | null>, option: Ref<ChartOption | null>, onClick?: (p: unknown) => void) {
  const chart = shallowRef<ECharts | null>(null);
  let observer: ResizeObserver | null = null;
  const draw = () => {
    if (chart.value && option.value) chart.value.setOption(option.value, { notMerge: true, lazyUpdate: true });
  };
  watch(
    el,
    (node) => {
      if (!node || chart.value) return;
      chart.value = init(node, undefined, { renderer: 'canvas' });
      if (onClick) chart.value.on('click', onClick);
      observer = new ResizeObserver(() => chart.value?.resize());
      observer.observe(node);
      draw();
    },
    { flush: 'post', immediate: true },
  );
  watch(option, draw);
  onBeforeUnmount(() => {
    observer?.disconnect();
    chart.value?.dispose();
  });
  return chart;
}
