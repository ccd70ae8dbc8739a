// The overview's first screen from the server at any registry size: one page of the reservoir list (filtered, sorted
// and paged by the API), every area's counts and rain, and the map's points. New readings (Socket.IO `reading`)
// reload both, at most once a second; the server's figures are a few seconds old at most, so a reload that comes
// back older than the newest reading is tried again shortly.

import { defineStore } from 'pinia';
import { reactive, ref, shallowRef, watch } from 'vue';
import { api, call } from '../api/client';
import type { components, operations } from '../api/schema';
import { isFloodSeason } from '../state';
import { useLive } from './live';

export type Overview = components['schemas']['OverviewDto'];
export type OverviewItem = components['schemas']['OverviewItemDto'];
export type Points = components['schemas']['PointsDto'];
export type OverviewQuery = {
  area: string | null;
  q: string;
  sort: SortKey;
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
};
/** The overview API's sort keys. */
export type SortKey = NonNullable<
  NonNullable<operations['ReservoirsController_overview']['parameters']['query']>['sort']
>;

const BATCH_MS = 1000;
const RETRY_MS = 1500;
const RETRIES = 3;

export const useOverview = defineStore('overview', () => {
  const query = reactive<OverviewQuery>({ area: null, q: '', sort: 'delta', order: 'desc', page: 1, pageSize: 50 });
  const data = shallowRef<Overview | null>(null);
  const points = shallowRef<Points | null>(null);
  const updatedAt = ref<number | null>(null);
  const error = ref(false);
  const floodSeason = ref(isFloodSeason());
  let newestEvent = 0;
  let retries = 0;
  let timer = 0;

  async function loadPage(): Promise<void> {
    const q = query;
    data.value = await call<Overview>(
      api.GET('/api/reservoirs/overview', {
        params: {
          query: {
            area: q.area ?? undefined,
            q: q.q.trim() || undefined,
            sort: q.sort,
            order: q.order,
            offset: (q.page - 1) * q.pageSize,
            limit: q.pageSize,
          },
        },
      }),
    );
    floodSeason.value = data.value.floodSeason;
  }

  async function loadPoints(): Promise<void> {
    points.value = await call<Points>(api.GET('/api/reservoirs/points'));
  }

  async function load(): Promise<void> {
    try {
      await Promise.all([loadPage(), loadPoints()]);
      updatedAt.value = Date.now();
      error.value = false;
      // Figures read before the newest reading arrived: ask again shortly (a bounded number of times).
      if (data.value && Date.parse(data.value.generatedAt) < newestEvent && retries++ < RETRIES) schedule(RETRY_MS);
    } catch {
      error.value = true;
    }
  }

  function schedule(ms: number): void {
    timer ||= window.setTimeout(() => {
      timer = 0;
      void load();
    }, ms);
  }

  watch(
    () => [query.area, query.q, query.sort, query.order, query.page, query.pageSize],
    () => void loadPage().catch(() => (error.value = true)),
  );

  const live = useLive();
  live.on('reading', () => {
    newestEvent = Date.now();
    retries = 0;
    schedule(BATCH_MS);
  });
  live.on('resync', () => void load());

  return { query, data, points, updatedAt, error, floodSeason, load };
});
