// Reservoir detail: facts, hydrograph, dam safety, station health, responsible persons, alerts.

import { get, getOptional } from '../api';
import { createChart, type Chart } from '../charts';
import { h } from '../dom';
import { damSafetyOption, hydrographOption } from '../hydrograph';
import { areaName, fmtNum, fmtPct, fmtTime, label, t } from '../i18n';
import { onLive } from '../live';
import { severityByReservoir } from '../state';
import type { Alert, ReservoirDetail, Sensor, Series, StationHealthRow } from '../types';
import { alertRow } from './alert-row';

const RANGES = {
  '6h': [6 * 3600e3, '5m'],
  '24h': [24 * 3600e3, '15m'],
  '7d': [7 * 86400e3, '1h'],
  '30d': [30 * 86400e3, '3h'],
} as const;
type Range = keyof typeof RANGES | 'custom';
const MAX_CUSTOM_DAYS = 400;

/** Bucket for a custom span, so a chart has at most a few hundred points. */
const bucketFor = (span: number): string =>
  span <= 6 * 3600e3
    ? '5m'
    : span <= 24 * 3600e3
      ? '15m'
      : span <= 7 * 86400e3
        ? '1h'
        : span <= 60 * 86400e3
          ? '3h'
          : '1d';

/** datetime-local inputs speak Beijing time (as every time shown here), whatever the browser's zone. */
const BJ = 8 * 3600e3;
const toInput = (ms: number): string => new Date(ms + BJ).toISOString().slice(0, 16);
const fromInput = (v: string): number => (v ? Date.parse(`${v}:00+08:00`) : NaN);

export function renderReservoir(root: HTMLElement, code: string): () => void {
  root.append(h('p', {}, t('loading')));
  let range: Range = '24h';
  let detail: ReservoirDetail | null = null;
  let hydro: Chart | null = null;
  let dam: Chart | null = null;
  const hydroEl = h('div', { class: 'chart hydro', 'data-testid': 'hydrograph' });
  const damEl = h('div', { class: 'chart', 'data-testid': 'dam-safety' });
  const dispEl = h('div', { class: 'chart', 'data-testid': 'displacement' });
  let disp: Chart | null = null;
  const buttons = h('div', { class: 'seg' });
  const now0 = Date.now();
  const fromIn = h('input', {
    type: 'datetime-local',
    'data-testid': 'range-from',
    value: toInput(now0 - 3 * 86400e3),
  });
  const toIn = h('input', { type: 'datetime-local', 'data-testid': 'range-to', value: toInput(now0) });
  const rangeMsg = h('span', { class: 'error small', role: 'status' });
  const customBox = h(
    'div',
    { class: 'custom-range', hidden: true },
    h('label', {}, t('rangeFrom'), ' ', fromIn),
    h('label', {}, t('rangeTo'), ' ', toIn),
    h('button', { class: 'primary', 'data-testid': 'range-apply', onclick: () => void drawCharts() }, t('apply')),
    rangeMsg,
  );

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
    let from: number;
    let to: number;
    let bucket: string;
    rangeMsg.textContent = '';
    if (range === 'custom') {
      from = fromInput(fromIn.value);
      to = fromInput(toIn.value);
      if (!(from < to) || to - from > MAX_CUSTOM_DAYS * 86400e3) {
        rangeMsg.textContent = t('rangeInvalid');
        return;
      }
      bucket = bucketFor(to - from);
    } else {
      to = Date.now();
      from = to - RANGES[range][0];
      bucket = RANGES[range][1];
    }
    buttons.querySelectorAll('button').forEach((b) => b.classList.toggle('active', b.dataset.range === range));
    customBox.hidden = range !== 'custom';
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
    const fetchAll = (list: Sensor[]) =>
      Promise.all(
        list.map(async (s) => ({
          name: s.code,
          threshold: s.threshold,
          points: await series(s.code, from, to, bucket),
        })),
      );
    const seep = sensorsOf(detail, 'seepage_pressure');
    const ds = sensorsOf(detail, 'displacement');
    const [seepData, dsData] = await Promise.all([fetchAll(seep), fetchAll(ds)]);
    noDataNote(damEl, seepData);
    noDataNote(dispEl, dsData);
    if (seep.length) {
      dam ??= createChart(damEl);
      dam.setOption(damSafetyOption(seepData, seep[0].unit, from, to), { notMerge: true });
    }
    if (ds.length) {
      disp ??= createChart(dispEl);
      disp.setOption(damSafetyOption(dsData, ds[0].unit, from, to), { notMerge: true });
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
    const all = lists.flatMap((l) => l ?? []).filter((a) => a.reservoirCode === code);
    const alerts = all.sort((a, b) => b.openedAt.localeCompare(a.openedAt)).slice(0, 30);
    const health = await getOptional<{ stations: StationHealthRow[] }>(
      `/api/stations/health?county=${encodeURIComponent(detail.county)}`,
    ).catch(() => null);
    const arrival = new Map((health?.stations ?? []).filter((s) => s.reservoirCode === code).map((s) => [s.code, s]));
    render(detail, alerts, severityByReservoir(all).get(code) ?? null, health ? arrival : null);
    await drawCharts();
  }

  function render(
    d: ReservoirDetail,
    alerts: Alert[],
    worst: Alert['severity'] | null,
    arrival: Map<string, StationHealthRow> | null,
  ): void {
    buttons.replaceChildren(
      ...([...Object.keys(RANGES), 'custom'] as Range[]).map((r) =>
        h(
          'button',
          {
            'data-range': r,
            'data-testid': `range-${r}`,
            onclick: () => {
              range = r;
              if (r === 'custom') {
                buttons.querySelectorAll('button').forEach((b) => b.classList.toggle('active', b.dataset.range === r));
                customBox.hidden = false;
                fromIn.focus();
              } else void drawCharts();
            },
          },
          r === 'custom' ? t('custom') : r,
        ),
      ),
    );
    const hasSeep = sensorsOf(d, 'seepage_pressure').length > 0;
    const hasDisp = sensorsOf(d, 'displacement').length > 0;
    const fact = (k: string, v: string) => [h('dt', {}, t(k)), h('dd', {}, v)];
    root.replaceChildren(
      h(
        'div',
        { class: 'toolbar' },
        h('a', { href: '#/overview' }, '← ', t('back')),
        h('h1', { 'data-testid': 'reservoir-title' }, `${d.name} `, h('small', {}, d.code)),
        h('span', { class: `badge cat-${d.state}`, 'data-testid': 'reservoir-state' }, t('state.' + d.state)),
        worst
          ? h(
              'span',
              { class: `badge sev-${worst}`, 'data-testid': 'reservoir-worst-alert', title: t('worstAlert') },
              t('sev.' + worst),
            )
          : null,
      ),
      h(
        'div',
        { class: 'detail-grid' },
        h(
          'section',
          { class: 'card wide' },
          h('div', { class: 'card-head' }, h('h2', {}, t('hydrograph')), buttons),
          customBox,
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
        hasSeep
          ? h('section', { class: `card${hasDisp ? '' : ' wide'}` }, h('h2', {}, t('seepageTitle')), damEl)
          : null,
        hasDisp
          ? h('section', { class: `card${hasSeep ? '' : ' wide'}` }, h('h2', {}, t('displacement')), dispEl)
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
              h(
                'tr',
                {},
                ...['station', 'kind', 'interval', 'lastReport', 'battery', 'arrivalRate', 'state'].map((k) =>
                  h('th', {}, t(k)),
                ),
              ),
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
                  h('td', { class: 'num' }, fmtNum(arrival?.get(s.code)?.batteryVoltage, 1)),
                  arrivalCell(arrival?.get(s.code)),
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

const sensorsOf = (d: ReservoirDetail, type: string): Sensor[] =>
  d.sensors.filter((s) => s.type === type).sort((a, b) => a.code.localeCompare(b.code));

/** 到报率 today: percentage, with received / expected reports below; low rates stand out. */
function arrivalCell(s: StationHealthRow | undefined): HTMLElement {
  if (!s) return h('td', { class: 'num muted' }, '—');
  const low = s.rate !== null && s.rate < 0.9;
  return h(
    'td',
    { class: `num${low ? ' over' : ''}`, 'data-testid': `arrival-${s.code}` },
    fmtPct(s.rate),
    h('div', { class: 'muted small' }, `${s.received} / ${s.expected}`),
  );
}

/** An empty chart looks broken: say that the range has no readings (shown above the empty axes). */
function noDataNote(el: HTMLElement, data: { points: unknown[] }[]): void {
  const empty = data.every((d) => d.points.length === 0);
  el.dataset.empty = empty ? '1' : '';
  let note = el.previousElementSibling as HTMLElement | null;
  if (!note?.classList.contains('chart-empty')) {
    note = h('p', { class: 'chart-empty' }, t('noDataInRange'));
    el.before(note);
  }
  note.hidden = !empty;
}
