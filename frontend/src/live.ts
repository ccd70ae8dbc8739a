// One Socket.IO connection per session, with listeners for `alert` and `reading` events.

import { io, type Socket } from 'socket.io-client';
import { getToken } from './session';
import type { Alert, Reading } from './types';

type Handlers = { alert: (a: Alert) => void; reading: (r: Reading) => void };
const listeners: { [K in keyof Handlers]: Set<Handlers[K]> } = { alert: new Set(), reading: new Set() };
let socket: Socket | null = null;

export function connectLive(): void {
  if (socket) return;
  socket = io({ auth: { token: getToken() }, transports: ['websocket', 'polling'] });
  socket.on('alert', (a: Alert) => listeners.alert.forEach((f) => f(a)));
  socket.on('reading', (r: Reading) => listeners.reading.forEach((f) => f(r)));
}

export function disconnectLive(): void {
  socket?.disconnect();
  socket = null;
}

/** Subscribes to an event; returns the unsubscribe function. */
export function onLive<K extends keyof Handlers>(event: K, fn: Handlers[K]): () => void {
  listeners[event].add(fn);
  return () => void listeners[event].delete(fn);
}
