// The Socket.IO connection and an honest account of it: connected or not, since when, and when the last event
// came. A reconnect after a drop tells the data stores to resync (what happened while away was not pushed).

import { defineStore } from 'pinia';
import { io, type Socket } from 'socket.io-client';
import { ref, shallowRef } from 'vue';
import type { Alert, ReadingEvent } from '../api/types';

export type LinkState = 'connecting' | 'connected' | 'disconnected';

type Listener = { alert: (a: Alert) => void; reading: (r: ReadingEvent) => void; resync: () => void };

export const useLive = defineStore('live', () => {
  const state = ref<LinkState>('connecting');
  const since = ref(Date.now());
  const lastEventAt = ref<number | null>(null);
  const socket = shallowRef<Socket | null>(null);
  const listeners: { [K in keyof Listener]: Set<Listener[K]> } = {
    alert: new Set(),
    reading: new Set(),
    resync: new Set(),
  };
  let dropped = false;

  function set(s: LinkState): void {
    if (state.value === s) return;
    state.value = s;
    since.value = Date.now();
  }

  /** `token` is read at every (re)connection: access tokens are short and the session store renews them. */
  function connect(token: () => string | null): void {
    if (socket.value) return;
    const s = io({ auth: (cb) => cb({ token: token() ?? '' }), transports: ['websocket', 'polling'] });
    s.on('connect', () => {
      set('connected');
      if (dropped) listeners.resync.forEach((f) => f());
      dropped = false;
    });
    s.on('disconnect', (reason) => {
      dropped = true;
      set('disconnected');
      // The server drops a client whose token ran out; it comes back with the current one.
      if (reason === 'io server disconnect') setTimeout(() => socket.value === s && s.connect(), 1_000);
    });
    s.on('connect_error', () => {
      dropped = true;
      set('disconnected');
      // Refused by the server (e.g. a token that expired while away): it does not retry by itself.
      if (!s.active) setTimeout(() => socket.value === s && s.connect(), 5_000);
    });
    s.on('alert', (a: Alert) => {
      lastEventAt.value = Date.now();
      listeners.alert.forEach((f) => f(a));
    });
    s.on('reading', (r: ReadingEvent) => {
      lastEventAt.value = Date.now();
      listeners.reading.forEach((f) => f(r));
    });
    socket.value = s;
  }

  function disconnect(): void {
    socket.value?.disconnect();
    socket.value = null;
    set('connecting');
  }

  // The browser knows before the socket's ping timeout that the network is gone.
  window.addEventListener('offline', () => {
    dropped = true;
    set('disconnected');
  });
  window.addEventListener('online', () => socket.value?.connect());

  function on<K extends keyof Listener>(event: K, fn: Listener[K]): () => void {
    listeners[event].add(fn);
    return () => void listeners[event].delete(fn);
  }

  return { state, since, lastEventAt, connect, disconnect, on };
});
