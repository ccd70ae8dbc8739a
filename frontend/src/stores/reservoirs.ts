// Every reservoir in scope with its latest values, kept live from the `reading` event (batched once a second) and
// reloaded on a reconnect. The event carries the newest value per sensor, not the 1/3/6/24 h rain totals: when rain
// arrives, the totals are fetched again (at most every 30 s).

import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { api, call } from '../api/client';
import type { ReadingEvent, Reservoir } from '../api/types';
import { applyReading, bringsRain, mergeRain } from '../live/reading';
import { isFloodSeason } from '../state';
import { useLive } from './live';

const BATCH_MS = 1000;
const RAIN_REFRESH_MS = 30_000;

export const useReservoirs = defineStore('reservoirs', () => {
  const list = shallowRef<Reservoir[]>([]);
  const loadedAt = ref<number | null>(null);
  const updatedAt = ref<number | null>(null);
  const error = ref(false);
  const floodSeason = ref(isFloodSeason());
  let index = new Map<string, number>();
  let pending: ReadingEvent[] = [];
  let timer = 0;
  let rainTimer = 0;

  async function load(): Promise<void> {
    try {
      const rows = await call<Reservoir[]>(api.GET('/api/reservoirs'));
      list.value = rows;
      index = new Map(rows.map((r, i) => [r.code, i]));
      loadedAt.value = updatedAt.value = Date.now();
      floodSeason.value = isFloodSeason();
      error.value = false;
    } catch {
      error.value = true;
    }
  }

  async function refreshRain(): Promise<void> {
    rainTimer = 0;
    const fresh = await call<Reservoir[]>(api.GET('/api/reservoirs')).catch(() => null);
    if (!fresh) return;
    list.value = mergeRain(list.value, fresh);
    updatedAt.value = Date.now();
  }

  function flush(): void {
    timer = 0;
    if (!pending.length || !list.value.length) return;
    if (pending.some(bringsRain)) rainTimer ||= window.setTimeout(() => void refreshRain(), RAIN_REFRESH_MS);
    const next = list.value.slice();
    for (const ev of pending) {
      const i = index.get(ev.reservoirCode);
      if (i !== undefined) next[i] = applyReading(next[i]!, ev, floodSeason.value);
    }
    pending = [];
    list.value = next;
    updatedAt.value = Date.now();
  }

  const live = useLive();
  live.on('reading', (ev) => {
    pending.push(ev);
    timer ||= window.setTimeout(flush, BATCH_MS);
  });
  live.on('resync', () => void load());

  return { list, loadedAt, updatedAt, error, floodSeason, load };
});
