// Entry: session restore, header and hash routing.

import './style.css';
import { get } from './api';
import { disposeCharts } from './charts';
import { renderHeader } from './views/header';
import { renderLogin } from './views/login';
import { renderOverview } from './views/overview';
import { renderReservoir } from './views/reservoir';
import { renderAlerts } from './views/alerts';
import { renderProgramme } from './views/programme';
import { connectLive } from './live';
import { getToken, getUser, setUser } from './session';
import { setLang, getLang } from './i18n';
import type { User } from './types';

export type Cleanup = (() => void) | void;

const app = document.getElementById('app')!;
let cleanup: Cleanup;

async function route(): Promise<void> {
  if (typeof cleanup === 'function') cleanup();
  cleanup = undefined;
  disposeCharts();
  app.replaceChildren();
  const hash = location.hash || '#/overview';
  if (!getToken()) return renderLogin(app, onLogin);
  if (!getUser()) {
    try {
      setUser(await get<User>('/api/auth/me'));
    } catch {
      return renderLogin(app, onLogin);
    }
  }
  connectLive();
  const main = document.createElement('main');
  app.append(renderHeader(hash, rerender), main);
  const [, page, param] = hash.split('/');
  if (page === 'reservoir' && param) cleanup = renderReservoir(main, decodeURIComponent(param));
  else if (page === 'alerts') cleanup = renderAlerts(main);
  else if (page === 'programme') cleanup = renderProgramme(main);
  else cleanup = renderOverview(main);
}

function onLogin(): void {
  if (!location.hash || location.hash === '#/login') location.hash = '#/overview';
  else void route();
}

/** Re-renders the current page (after a language switch). */
function rerender(): void {
  void route();
}

setLang(getLang());
window.addEventListener('hashchange', () => void route());
void route();
