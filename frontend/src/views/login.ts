// Login form: stores the token and loads the user.

import { get, post } from '../api';
import { h } from '../dom';
import { t } from '../i18n';
import { setToken, setUser } from '../session';
import type { User } from '../types';

export function renderLogin(root: HTMLElement, done: () => void): void {
  const user = h('input', { name: 'username', autocomplete: 'username', required: true });
  const pass = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const error = h('p', { class: 'error', role: 'alert' });
  const form = h(
    'form',
    { class: 'login-card', onsubmit: (e) => void submit(e) },
    h('h1', {}, t('appTitle')),
    h('label', {}, t('username'), user),
    h('label', {}, t('password'), pass),
    error,
    h('button', { type: 'submit', class: 'primary' }, t('login')),
  );
  async function submit(e: Event): Promise<void> {
    e.preventDefault();
    error.textContent = '';
    try {
      const { accessToken } = await post<{ accessToken: string }>('/api/auth/login', {
        username: user.value.trim(),
        password: pass.value,
      });
      setToken(accessToken);
      setUser(await get<User>('/api/auth/me'));
      done();
    } catch {
      error.textContent = t('loginFailed');
    }
  }
  root.append(h('div', { class: 'login-page' }, form));
  user.focus();
}
