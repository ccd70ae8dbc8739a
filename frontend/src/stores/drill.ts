// The storm drill, shown on every page while one runs (GET/POST /api/simulation/storm with a speed): a storm night
// played in minutes, its alerts marked as a drill.

import { defineStore } from 'pinia';
import { ref } from 'vue';
import { api, call } from '../api/client';
import type { DrillStatus } from '../api/types';

const POLL_MS = 30_000;

export const useDrill = defineStore('drill', () => {
  const status = ref<DrillStatus | null>(null);

  async function poll(): Promise<void> {
    status.value = await call<DrillStatus>(api.GET('/api/simulation/storm')).catch(() => null);
  }

  /** Starts a drill storm; `speed` simulated seconds per real second (a drill plays out in minutes). */
  async function start(speed: number): Promise<void> {
    status.value = await call<DrillStatus>(api.POST('/api/simulation/storm', { body: { speed, drill: true } }));
  }

  setInterval(() => void poll(), POLL_MS);
  return { status, poll, start };
});
