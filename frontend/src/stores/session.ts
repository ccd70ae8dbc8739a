// The signed-in user. The short access token lives in localStorage, so a new tab is signed in too; the session's
// refresh token is an HttpOnly cookie no script can read. POST /api/auth/refresh swaps the access token for a fresh
// one while the page is open (and when it comes back from sleep), sliding the session forward through a night
// shift; POST /api/auth/logout revokes the session.

import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { api, call, configureAuth } from '../api/client';
import type { Permission, User } from '../api/types';
import { refreshDue, tokenExpiry } from '../session/token';

const KEY = 'yz.token';
const REFRESH_CHECK_MS = 60_000;

export const useSession = defineStore('session', () => {
  const token = ref<string | null>(localStorage.getItem(KEY));
  const issuedAt = ref(Number(localStorage.getItem(`${KEY}.at`)) || Date.now());
  const user = ref<User | null>(null);
  const refreshable = ref<boolean | null>(true);
  const expiresAt = computed(() => tokenExpiry(token.value));

  function setToken(t: string | null): void {
    token.value = t;
    issuedAt.value = Date.now();
    if (t) {
      localStorage.setItem(KEY, t);
      localStorage.setItem(`${KEY}.at`, String(issuedAt.value));
    } else {
      localStorage.removeItem(KEY);
      localStorage.removeItem(`${KEY}.at`);
    }
  }

  async function login(username: string, password: string): Promise<void> {
    const { accessToken } = await call<{ accessToken: string }>(
      api.POST('/api/auth/login', { body: { username, password } }),
    );
    setToken(accessToken);
    await loadUser();
  }

  async function loadUser(): Promise<boolean> {
    if (!token.value) return false;
    await refresh();
    if (!token.value) return false;
    try {
      user.value = await call<User>(api.GET('/api/auth/me'));
      return true;
    } catch {
      return false;
    }
  }

  async function logout(): Promise<void> {
    await api.POST('/api/auth/logout', { body: {} }).catch(() => null);
    setToken(null);
    user.value = null;
  }

  /** Sliding expiry: swap the token for a fresh one in the last third of its life (or once it has expired). */
  async function refresh(): Promise<void> {
    if (!token.value) return;
    if (!refreshDue(expiresAt.value, issuedAt.value, Date.now())) return;
    // A 401 (the session ended or was revoked) signs out through the client's handler.
    const r = await call<{ accessToken: string }>(api.POST('/api/auth/refresh', { body: {} })).catch(() => null);
    refreshable.value = r !== null;
    if (r) setToken(r.accessToken);
  }
  setInterval(() => void refresh(), REFRESH_CHECK_MS);
  // Back from sleep: the access token may have expired while the session is still good.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void refresh();
  });

  // Another tab signed in or out: follow it.
  window.addEventListener('storage', (e) => {
    if (e.key !== KEY) return;
    token.value = e.newValue;
    if (!e.newValue) user.value = null;
  });

  configureAuth({
    token: () => token.value,
    unauthorized: () => {
      setToken(null);
      user.value = null;
    },
  });

  // What the server says this user may do (GET /api/auth/me), so buttons show only to roles that may use them.
  const allowed = (p: Permission) => user.value?.permissions.includes(p) ?? false;
  return { token, user, expiresAt, refreshable, login, logout, loadUser, refresh, allowed };
});
