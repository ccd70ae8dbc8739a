// The storm drill, shown on every page while one runs (proposed GET/POST /api/simulation/storm with a speed and a
// drill flag). Without that route the drill banner stays hidden; the storm switch still works at real time.

import { defineStore } from 'pinia';
import { ref } from 'vue';
import { api, call, proposed } from '../api/client';
import type { DrillStatus } from '../api/types';

const POLL_MS = 30_000;

export const useDrill = defineStore('drill', () => {
  const status = ref<DrillStatus | null>(null);
  const supported = ref<boolean | null>(null);

  async function poll(): Promise<void> {
    const s = await proposed<DrillStatus>('GET', '/api/simulation/storm').catch(() => null);
    supported.value = s !== null;
    status.value = s;
  }

  /** Starts a storm; `speed` simulated seconds per real second (a drill plays out in minutes). */
  async function start(speed: number): Promise<void> {
    const withSpeed = await proposed<DrillStatus>('POST', '/api/simulation/storm', { speed, drill: true }).catch(
      () => null,
    );
    if (!withSpeed) await call(api.POST('/api/simulation/storm', { body: {} }));
    await poll();
  }

  setInterval(() => void poll(), POLL_MS);
  return { status, supported, poll, start };
});
