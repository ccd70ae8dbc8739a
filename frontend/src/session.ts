// Login state: the bearer token in sessionStorage and the current user.

import type { User } from './types';

const KEY = 'token';
let user: User | null = null;

export const getToken = (): string | null => sessionStorage.getItem(KEY);
export const setToken = (token: string): void => sessionStorage.setItem(KEY, token);
export const getUser = (): User | null => user;
export const setUser = (u: User | null): void => void (user = u);

export function clearSession(): void {
  sessionStorage.removeItem(KEY);
  user = null;
}
