// Active alerts (open and acknowledged) for the whole app: the header's counts, the tab title, the desk, the map
// colours. New red and orange alerts beep and raise a browser notification on whichever page is open.

import { defineStore } from 'pinia';
import { computed, ref, shallowRef, triggerRef } from 'vue';
import { api, call } from '../api/client';
import type { Alert } from '../api/types';
import { countBySeverity } from '../desk/grouping';
import { getLang, t } from '../i18n';
import { beep } from '../sound';
import { useLive } from './live';

const LIMIT = 1000;

export const useAlerts = defineStore('alerts', () => {
  const byId = shallowRef(new Map<string, Alert>());
  const resolved = ref<Alert[]>([]);
  const loadedAt = ref<number | null>(null);
  const updatedAt = ref<number | null>(null);
  const available = ref(true);

  const active = computed(() => [...byId.value.values()]);
  const open = computed(() => active.value.filter((a) => a.state === 'open'));
  const counts = computed(() => countBySeverity(open.value));

  async function load(): Promise<void> {
    try {
      const [o, a] = await Promise.all(
        (['open', 'acknowledged'] as const).map((state) =>
          call<Alert[]>(api.GET('/api/alerts', { params: { query: { state, limit: LIMIT } } })),
        ),
      );
      byId.value = new Map([...o!, ...a!].map((x) => [x.id, x]));
      loadedAt.value = updatedAt.value = Date.now();
      available.value = true;
    } catch {
      available.value = false;
    }
  }

  async function loadResolved(): Promise<void> {
    resolved.value = await call<Alert[]>(
      api.GET('/api/alerts', { params: { query: { state: 'resolved', limit: 300 } } }),
    );
  }

  function apply(a: Alert): void {
    const before = byId.value.get(a.id);
    if (a.state === 'resolved') {
      byId.value.delete(a.id);
      resolved.value = [a, ...resolved.value.filter((x) => x.id !== a.id)];
    } else byId.value.set(a.id, a);
    triggerRef(byId);
    updatedAt.value = Date.now();
    const fresh = a.event === 'open' || (a.event === 'escalate' && before?.severity !== a.severity);
    if (fresh && a.state === 'open' && (a.severity === 'critical' || a.severity === 'major')) announce(a);
  }

  /** Sound and a system notification (when the user allowed them) for a new red or orange alert. */
  function announce(a: Alert): void {
    beep();
    if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
    const msg = a.message ? (getLang() === 'zh' ? a.message.zh : a.message.en) : a.type;
    new Notification(`${t(`sev.${a.severity}`)} · ${a.reservoirName}`, { body: msg, tag: `alert-${a.id}` });
  }

  async function act(a: Alert, verb: 'ack' | 'resolve', note?: string): Promise<Alert> {
    const updated = await call<Alert>(
      api.POST(verb === 'ack' ? '/api/alerts/{id}/ack' : '/api/alerts/{id}/resolve', {
        params: { path: { id: a.id } },
        body: note ? { note } : {},
      }),
    );
    apply(updated);
    return updated;
  }

  /** Acknowledges several alerts with one note in one call; returns the ids that failed with the server's reason. */
  async function ackMany(alerts: Alert[], note: string): Promise<{ id: string; message: string }[]> {
    const bulk = await call<{ acknowledged: Alert[]; failed: { id: string; message: string }[] }>(
      api.POST('/api/alerts/ack', { body: { ids: alerts.map((a) => a.id), note: note || undefined } }),
    );
    bulk.acknowledged.forEach(apply);
    return bulk.failed;
  }

  const live = useLive();
  live.on('alert', apply);
  live.on('resync', () => void load());

  return {
    byId,
    active,
    open,
    counts,
    resolved,
    loadedAt,
    updatedAt,
    available,
    load,
    loadResolved,
    apply,
    act,
    ackMany,
  };
});
