// KPI cards.

import { h } from '../dom';
import { t } from '../i18n';
import type { Alert, Severity } from '../types';

export function kpiCard(label: string, value: string, sub: string, tone: string, testid: string): HTMLElement {
  return h(
    'div',
    { class: `kpi ${tone}`, 'data-testid': testid },
    h('div', { class: 'kpi-label' }, label),
    h('div', { class: 'kpi-value' }, value),
    h('div', { class: 'kpi-sub' }, sub),
  );
}

/** Open alerts by severity, each with colour and text. */
export function alertKpi(open: Alert[]): HTMLElement {
  const sevs: Severity[] = ['critical', 'major', 'warning', 'info'];
  const counts = h(
    'div',
    { class: 'kpi-sev' },
    ...sevs.map((s) =>
      h(
        'span',
        { class: `badge sev-${s}` },
        `${t('sev.' + s).replace(/预警| alert/, '')} ${open.filter((a) => a.severity === s).length}`,
      ),
    ),
  );
  const card = kpiCard(t('kpiAlerts'), String(open.length), '', open.length ? 'alert' : '', 'kpi-alerts');
  card.querySelector('.kpi-sub')!.replaceWith(counts);
  return card;
}
