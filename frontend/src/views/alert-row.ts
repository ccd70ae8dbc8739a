// One alert as a row: severity by colour and text, message, times, and optional actions.

import { h } from '../dom';
import { areaName, fmtNum, fmtTime, getLang, t } from '../i18n';
import type { Alert } from '../types';

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
  return row;
}
