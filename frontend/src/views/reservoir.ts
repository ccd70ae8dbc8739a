// Reservoir detail: facts, hydrograph, dam safety, station health, responsible persons, alerts.

import { get, getOptional } from '../api';
import { createChart, type Chart } from '../charts';
import { h } from '../dom';
import { damSafetyOption, hydrographOption } from '../hydrograph';
import { areaName, fmtNum, fmtTime, label, t } from '../i18n';
import { onLive } from '../live';
import type { Alert, ReservoirDetail, Series } from '../types';
import { alertRow } from './alert-row';

const RANGES = {
  '6h': [6 * 3600e3, '5m'],
  '24h': [24 * 3600e3, '15m'],
  '7d': [7 * 86400e3, '1h'],
  '30d': [30 * 86400e3, '3h'],
} as const;
type Range = keyof typeof RANGES;

export function renderReservoir(root: HTMLElement, code: string): () => void {
  root.append(h('p', {}, t('loading')));
  let range: Range = '24h';
  let detail: ReservoirDetail | null = null;
  let hydro: Chart | null = null;
  let dam: Chart | null = null;
  const hydroEl = h('div', { class: 'chart hydro', 'data-testid': 'hydrograph' });
  const damEl = h('div', { class: 'chart', 'data-testid': 'dam-safety' });
  const buttons = h('div', { class: 'seg' });

  async function series(sensor: string, from: number, to: number, bucket: string): Promise<[string, number][]> {
    const q = new URLSearchParams({
      sensor,
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      bucket,
    });
    const s = await get<Series>(`/api/reservoirs/${encodeURIComponent(code)}/series?${q}`).catch(() => null);
    return (s?.points ?? []).map(([time, v]) => [time, Number(v)]);
  }

  async function drawCharts(): Promise<void> {
    if (!detail) return;
    const [span, bucket] = RANGES[range];
    const to = Date.now();
    const from = to - span;
    buttons.querySelectorAll('button').forEach((b) => b.classList.toggle('active', b.dataset.range === range));
    const rg = detail.sensors.find((s) => s.type === 'rainfall');
    const wl = detail.sensors.find((s) => s.type === 'water_level');
    const [rain, level] = await Promise.all([
      rg ? series(rg.code, from, to, bucket) : [],
      wl ? series(wl.code, from, to, bucket) : [],
    ]);
    hydro ??= createChart(hydroEl);
    hydro.setOption(hydrographOption(rain, level, detail.levels, detail.stageStorage, from, to), { notMerge: true });
    // Expose the drawn characteristic-level lines for tests and assistive tooling.
    const opt = hydro.getOption() as { series: { markLine?: { data?: { name: string }[] } }[] };
    hydroEl.dataset.levels = (opt.series[1]?.markLine?.data ?? []).map((d) => d.name).join(',');
    hydroEl.dataset.points = String(level.length);
    const seep = detail.sensors
      .filter((s) => s.type === 'seepage_pressure')
      .sort((a, b) => a.code.localeCompare(b.code));
    if (seep.length) {
      const data = await Promise.all(
        seep.map(async (s) => ({
          name: s.code,
          threshold: s.threshold,
          points: await series(s.code, from, to, range === '6h' ? '5m' : bucket),
        })),
      );
      dam ??= createChart(damEl);
      dam.setOption(damSafetyOption(data, seep[0].unit, from, to), { notMerge: true });
    }
    hydroEl.dataset.range = range;
    hydroEl.dataset.ready = '1';
  }

  async function load(): Promise<void> {
    try {
      detail = await get<ReservoirDetail>(`/api/reservoirs/${encodeURIComponent(code)}`);
    } catch {
      root.replaceChildren(h('p', { class: 'error' }, t('loadFailed')), h('a', { href: '#/overview' }, t('back')));
      return;
    }
    const states = ['open', 'acknowledged', 'resolved'] as const;
    const lists = await Promise.all(
      states.map((s) => getOptional<Alert[]>(`/api/alerts?state=${s}`).catch(() => null)),
    );
    const alerts = lists
      .flatMap((l) => l ?? [])
      .filter((a) => a.reservoirCode === code)
      .sort((a, b) => b.openedAt.localeCompare(a.openedAt))
      .slice(0, 30);
    render(detail, alerts);
    await drawCharts();
  }

  function render(d: ReservoirDetail, alerts: Alert[]): void {
    buttons.replaceChildren(
      ...(Object.keys(RANGES) as Range[]).map((r) =>
        h(
          'button',
          { 'data-range': r, 'data-testid': `range-${r}`, onclick: () => ((range = r), void drawCharts()) },
          r,
        ),
      ),
    );
    const fact = (k: string, v: string) => [h('dt', {}, t(k)), h('dd', {}, v)];
    root.replaceChildren(
      h(
        'div',
        { class: 'toolbar' },
        h('a', { href: '#/overview' }, '← ', t('back')),
        h('h1', { 'data-testid': 'reservoir-title' }, `${d.name} `, h('small', {}, d.code)),
        h('span', { class: `badge cat-${d.state}` }, t('state.' + d.state)),
      ),
      h(
        'div',
        { class: 'detail-grid' },
        h(
          'section',
          { class: 'card wide' },
          h('div', { class: 'card-head' }, h('h2', {}, t('hydrograph')), buttons),
          hydroEl,
        ),
        h(
          'section',
          { class: 'card' },
          h('h2', {}, t('basics')),
          h(
            'dl',
            { class: 'facts' },
            ...fact('county', areaName(d.county, d.countyName)),
            ...fact('scale', t('scale.' + d.scale)),
            ...fact('damType', label('damType', d.damType)),
            ...fact('damHeight', fmtNum(d.damHeight, 1)),
            ...fact('totalStorage', fmtNum(d.totalStorage, 1)),
            ...fact('catchmentArea', fmtNum(d.catchmentArea, 2)),
            ...fact('damCategory', label('damCategory', d.damCategory)),
            ...fact('managementMode', label('mgmt', d.managementMode)),
            ...fact('nextAppraisal', fmtTime(d.nextAppraisal, 'date')),
            ...fact('floodSeason', d.floodSeason ? t('yes') : t('no')),
            ...fact('waterLevel', `${fmtNum(d.latest.waterLevel)} (${fmtTime(d.latest.time)})`),
          ),
        ),
        h(
          'section',
          { class: 'card' },
          h('h2', {}, t('persons')),
          h(
            'ul',
            { class: 'persons', 'data-testid': 'persons' },
            ...d.responsiblePersons.map((p) =>
              h(
                'li',
                {},
                h('span', { class: 'muted' }, t('person.' + p.role)),
                h('b', {}, p.name),
                h('a', { href: `tel:${p.phone}` }, p.phone),
                h('span', { class: p.trained ? 'ok' : 'warn-text' }, p.trained ? t('trained') : t('untrained')),
              ),
            ),
          ),
        ),
        d.sensors.some((s) => s.type === 'seepage_pressure')
          ? h('section', { class: 'card wide' }, h('h2', {}, t('damSafety')), damEl)
          : null,
        h(
          'section',
          { class: 'card' },
          h('h2', {}, t('stations')),
          h(
            'table',
            { class: 'data' },
            h(
              'thead',
              {},
              h('tr', {}, ...['station', 'kind', 'interval', 'lastReport', 'state'].map((k) => h('th', {}, t(k)))),
            ),
            h(
              'tbody',
              {},
              ...d.stations.map((s) =>
                h(
                  'tr',
                  {},
                  h('td', {}, s.code),
                  h('td', {}, label('kind', s.kind)),
                  h('td', { class: 'num' }, `${Math.round(s.reportIntervalS / 60)} min`),
                  h('td', {}, fmtTime(s.lastReportAt)),
                  h(
                    'td',
                    {},
                    h(
                      'span',
                      { class: `badge ${s.online ? 'cat-normal' : 'cat-offline'}` },
                      s.online ? t('online') : t('offline'),
                    ),
                  ),
                ),
              ),
            ),
          ),
        ),
        h(
          'section',
          { class: 'card wide' },
          h('h2', {}, t('reservoirAlerts')),
          alerts.length
            ? h('div', { class: 'alert-list' }, ...alerts.map((a) => alertRow(a, null)))
            : h('p', { class: 'muted' }, t('noAlerts')),
        ),
      ),
    );
  }

  // A new reading for this reservoir refreshes the charts (at most every 30 s).
  let last = 0;
  const off = onLive('reading', (r) => {
    if (r.reservoirCode !== code || Date.now() - last < 30_000) return;
    last = Date.now();
    void drawCharts();
  });
  void load();
  return off;
}
