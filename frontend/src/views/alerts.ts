// Alert desk: live list by state, filters by area and severity, acknowledge and resolve.

import { ApiError, get, post } from '../api';
import { beep } from '../beep';
import { h } from '../dom';
import { areaName, t } from '../i18n';
import { onLive } from '../live';
import { getUser } from '../session';
import type { Alert, AlertState, Severity } from '../types';
import { alertRow, type AlertActions } from './alert-row';

const STATES: AlertState[] = ['open', 'acknowledged', 'resolved'];
const SEVERITIES: Severity[] = ['critical', 'major', 'warning', 'info'];
const AREAS = [
  '431102',
  '431103',
  '431181',
  '431122',
  '431123',
  '431124',
  '431125',
  '431126',
  '431127',
  '431128',
  '431129',
  '431171',
  '431172',
  '431173',
];

export function renderAlerts(root: HTMLElement): () => void {
  let tab: AlertState = 'open';
  let alerts: Alert[] = [];
  let unavailable = false;
  const fresh = new Set<Alert['id']>();
  const list = h('div', { class: 'alert-list', 'data-testid': 'alert-list', 'aria-live': 'polite' });
  const area = h(
    'select',
    { 'data-testid': 'alert-area', onchange: () => draw() },
    h('option', { value: '' }, t('allAreas')),
    ...AREAS.map((c) => h('option', { value: c }, areaName(c))),
  );
  const sev = h(
    'select',
    { 'data-testid': 'alert-severity', onchange: () => draw() },
    h('option', { value: '' }, t('allSeverities')),
    ...SEVERITIES.map((s) => h('option', { value: s }, t('sev.' + s))),
  );
  const tabs = h('div', { class: 'seg', role: 'tablist' });
  const mine = getUser()?.areaCode;
  if (mine) area.value = mine;

  const actions: AlertActions = {
    ack: (a) => void act(a, 'ack', {}),
    resolve: (a, note) => void act(a, 'resolve', { note }),
  };

  async function act(a: Alert, verb: 'ack' | 'resolve', body: object): Promise<void> {
    try {
      const updated = await post<Alert | undefined>(`/api/alerts/${a.id}/${verb}`, body);
      upsert(
        updated && updated.id !== undefined ? updated : { ...a, state: verb === 'ack' ? 'acknowledged' : 'resolved' },
      );
    } catch (e) {
      window.alert(`${t('loadFailed')}: ${(e as Error).message}`);
    }
  }

  function upsert(a: Alert): void {
    alerts = [a, ...alerts.filter((x) => x.id !== a.id)];
    draw();
  }

  function draw(): void {
    tabs.replaceChildren(
      ...STATES.map((s) =>
        h(
          'button',
          {
            role: 'tab',
            'data-testid': `tab-${s}`,
            class: s === tab ? 'active' : '',
            onclick: () => ((tab = s), void load()),
          },
          t('alert.' + s),
        ),
      ),
    );
    if (unavailable) return void list.replaceChildren(h('p', { class: 'muted' }, t('notAvailable')));
    const shown = alerts
      .filter(
        (a) => a.state === tab && (!area.value || a.county === area.value) && (!sev.value || a.severity === sev.value),
      )
      .sort((a, b) => b.openedAt.localeCompare(a.openedAt));
    list.replaceChildren(
      ...(shown.length
        ? shown.map((a) => {
            const row = alertRow(a, actions);
            if (fresh.has(a.id)) row.classList.add('flash');
            return row;
          })
        : [h('p', { class: 'muted' }, t('noAlerts'))]),
    );
  }

  async function load(): Promise<void> {
    try {
      alerts = await get<Alert[]>(`/api/alerts?state=${tab}`);
      unavailable = false;
    } catch (e) {
      unavailable = e instanceof ApiError && e.status === 404;
      alerts = [];
    }
    draw();
  }

  const off = onLive('alert', (a) => {
    const isNew = !alerts.some((x) => x.id === a.id && x.state === a.state && x.severity === a.severity);
    if (isNew && a.state === 'open') {
      fresh.add(a.id);
      setTimeout(() => fresh.delete(a.id), 6000);
      if (a.severity === 'major' || a.severity === 'critical') beep();
    }
    upsert(a);
  });

  root.append(
    h(
      'div',
      { class: 'toolbar' },
      h('h1', {}, t('alerts')),
      tabs,
      h('label', {}, t('area'), ' ', area),
      h('label', {}, t('severity'), ' ', sev),
      h('span', { class: 'live-dot' }, t('live')),
    ),
    h('section', { class: 'card' }, list),
  );
  void load();
  return off;
}
