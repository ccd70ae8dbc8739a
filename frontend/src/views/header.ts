// Blue top bar: title, navigation, user, language switch and logout.

import { h } from '../dom';
import { areaName, getLang, setLang, t } from '../i18n';
import { disconnectLive } from '../live';
import { clearSession, getUser } from '../session';

export function renderHeader(hash: string, rerender: () => void): HTMLElement {
  const user = getUser()!;
  const link = (href: string, label: string) => h('a', { href, class: hash.startsWith(href) ? 'active' : '' }, label);
  return h(
    'header',
    { class: 'topbar' },
    h('a', { class: 'brand', href: '#/overview' }, t('appTitle')),
    h('nav', {}, link('#/overview', t('overview')), link('#/alerts', t('alerts')), link('#/programme', t('programme'))),
    h(
      'div',
      { class: 'user' },
      h('span', { 'data-testid': 'user-name' }, user.displayName || user.username),
      h('span', { class: 'muted' }, `${t('role.' + user.role)} · ${areaName(user.areaCode)}`),
      h(
        'button',
        {
          'data-testid': 'lang-toggle',
          onclick: () => {
            setLang(getLang() === 'zh' ? 'en' : 'zh');
            rerender();
          },
        },
        t('langSwitch'),
      ),
      h(
        'button',
        {
          'data-testid': 'logout',
          onclick: () => {
            clearSession();
            disconnectLive();
            location.hash = '#/login';
          },
        },
        t('logout'),
      ),
    ),
  );
}
