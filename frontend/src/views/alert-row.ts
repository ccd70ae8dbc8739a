// One alert as a row: severity by colour and text, message, times, and optional actions.

import { get } from '../api';
import { h } from '../dom';
import { areaName, fmtNum, fmtTime, getLang, label, t } from '../i18n';
import type { Alert, AlertEvent } from '../types';

export interface AlertActions {
  ack: (a: Alert) => void;
  resolve: (a: Alert, note: string) => void;
}

export function alertRow(a: Alert, actions: AlertActions | null): HTMLElement {
  const msg = a.message ? (getLang() === 'zh' ? a.message.zh : a.message.en) : a.type;
  const row = h(
    'article',
    { class: `alert-row sev-border-${a.severity}`, 'data-testid': `alert-${a.id}`, 'data-state': a.state },
    h('span', { class: `badge sev-${a.severity}` }, t('sev.' + a.severity)),
    h(
      'div',
      { class: 'alert-main' },
      h(
        'div',
        {},
        h(
          'a',
          { href: `#/reservoir/${encodeURIComponent(a.reservoirCode)}` },
          h('b', {}, a.reservoirName || a.reservoirCode),
        ),
        h('span', { class: 'muted' }, ` ${a.reservoirCode} · ${areaName(a.county)}`),
      ),
      h('div', {}, msg),
      h(
        'div',
        { class: 'muted small' },
        `${t('openedAt')} ${fmtTime(a.openedAt)} · ${t('value')} ${fmtNum(a.value)} / ${t('threshold')} ${fmtNum(a.threshold)}`,
        a.acknowledgedAt ? ` · ${t('alert.acknowledged')} ${fmtTime(a.acknowledgedAt)} ${a.acknowledgedBy ?? ''}` : '',
        a.resolvedAt ? ` · ${t('alert.resolved')} ${fmtTime(a.resolvedAt)}` : '',
        a.note ? ` · ${t('note')}: ${a.note}` : '',
      ),
    ),
    h('span', { class: 'state', 'data-testid': `state-${a.id}` }, t('alert.' + a.state)),
  );
  const panel = h('div', { class: 'alert-history', 'data-testid': `history-${a.id}`, hidden: true });
  const toggle = h(
    'button',
    {
      'aria-expanded': 'false',
      'data-testid': `history-toggle-${a.id}`,
      onclick: () => {
        const open = panel.hidden;
        panel.hidden = !open;
        toggle.setAttribute('aria-expanded', String(open));
        toggle.textContent = open ? t('hideHistory') : t('history');
        if (open && !panel.dataset.loaded) void loadHistory(a, panel);
      },
    },
    t('history'),
  );
  if (actions && a.state !== 'resolved') {
    const note = h('input', { placeholder: t('note'), 'data-testid': `note-${a.id}`, 'aria-label': t('note') });
    const box = h('div', { class: 'alert-actions' });
    if (a.state === 'open')
      box.append(
        h('button', { class: 'primary', 'data-testid': `ack-${a.id}`, onclick: () => actions.ack(a) }, t('ack')),
      );
    box.append(
      note,
      h(
        'button',
        {
          'data-testid': `resolve-${a.id}`,
          onclick: () => {
            if (!note.value.trim()) {
              note.placeholder = t('noteRequired');
              note.focus();
              return;
            }
            actions.resolve(a, note.value.trim());
          },
        },
        t('resolve'),
      ),
    );
    row.append(box);
  }
  row.insertBefore(toggle, row.querySelector('.alert-actions'));
  row.append(panel);
  return row;
}

/** Who did what and when: open, escalate, acknowledge, resolve, with the value and threshold at the time. */
async function loadHistory(a: Alert, panel: HTMLElement): Promise<void> {
  panel.replaceChildren(h('span', { class: 'muted' }, t('loading')));
  let events: AlertEvent[];
  try {
    events = await get<AlertEvent[]>(`/api/alerts/${encodeURIComponent(String(a.id))}/history`);
  } catch {
    panel.replaceChildren(h('span', { class: 'error' }, t('loadFailed')));
    return;
  }
  panel.dataset.loaded = '1';
  if (!events.length) return void panel.replaceChildren(h('span', { class: 'muted' }, t('noHistory')));
  panel.replaceChildren(
    h(
      'table',
      { class: 'data compact' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ...['at', 'action', 'severity', 'value', 'threshold', 'actor', 'note'].map((k) => h('th', {}, t(k))),
        ),
      ),
      h(
        'tbody',
        {},
        ...events.map((e) =>
          h(
            'tr',
            {},
            h('td', {}, fmtTime(e.at)),
            h('td', {}, label('action', e.action)),
            h('td', {}, e.severity ? h('span', { class: `badge sev-${e.severity}` }, t('sev.' + e.severity)) : '—'),
            h('td', { class: 'num' }, fmtNum(e.value)),
            h('td', { class: 'num' }, fmtNum(e.threshold)),
            h('td', {}, e.actor ?? t('system')),
            h('td', { class: 'wrap' }, e.note ?? ''),
          ),
        ),
      ),
    ),
  );
}
