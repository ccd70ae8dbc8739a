// Phone width (under 600 px), as a reactive flag for tables and charts that change columns or labels.

import { onBeforeUnmount, ref } from 'vue';

export function useNarrow(px = 600) {
  const q = window.matchMedia(`(max-width: ${px}px)`);
  const narrow = ref(q.matches);
  const on = (e: MediaQueryListEvent) => (narrow.value = e.matches);
  q.addEventListener('change', on);
  onBeforeUnmount(() => q.removeEventListener('change', on));
  return narrow;
}
