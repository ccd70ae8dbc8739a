// Reinforcement programme: stage counts per area, funds allocated vs spent by source, overdue projects,
// the safety-appraisal schedule (due this year, overdue) and hazards past their rectification deadline.

import { getOptional } from '../api';
import { createChart } from '../charts';
import { esc, h } from '../dom';
import { areaName, fmtMoney, fmtTime, label, t, tf } from '../i18n';
import type { AppraisalDue, FundingRow, Hazard, Project } from '../types';

/** CNY decimal string → 10⁴ CNY number, for chart geometry only (tables show the exact string). */
const wan = (v: string | number | null | undefined): number => Math.round(Number(v ?? 0) / 100) / 100;
/** Chart axis / tooltip numbers with thousands separators. */
const groupNum = (v: number, digits = 2): string =>
  v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

const MAX_ROWS = 300;

export function renderProgramme(root: HTMLElement): void {
  root.append(h('p', {}, t('loading')));
  void (async () => {
    const opt = <T>(path: string) => getOptional<T>(path).catch(() => null);
    const [projects, funding, dueThisYear, dueOverdue, hazards] = await Promise.all([
      opt<Project[]>('/api/projects'),
      opt<FundingRow[]>('/api/funding/summary?groupBy=county'),
      opt<AppraisalDue[]>('/api/appraisals?due=this-year'),
      opt<AppraisalDue[]>('/api/appraisals?due=overdue'),
      opt<Hazard[]>('/api/hazards?overdue=true'),
    ]);
    root.replaceChildren(h('div', { class: 'toolbar' }, h('h1', {}, t('programme'))));
    if (!projects && !funding && !dueThisYear && !dueOverdue && !hazards) {
      root.append(
        h('section', { class: 'card', 'data-testid': 'programme-unavailable' }, h('p', {}, t('programmeUnavailable'))),
      );
      return;
    }
    const grid = h('div', { class: 'detail-grid' });
    root.append(grid);
    if (projects) {
      const stageEl = h('div', { class: 'chart', 'data-testid': 'stage-chart' });
      grid.append(h('section', { class: 'card wide' }, h('h2', {}, t('stageCounts')), stageEl));
      const areas = [...new Set(projects.map((p) => p.county))].sort();
      const stages = STAGES.filter((s) => projects.some((p) => p.stage === s)).concat(
        [...new Set(projects.map((p) => p.stage))].filter((s) => !STAGES.includes(s)),
      );
      createChart(stageEl).setOption({
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        legend: { top: 0 },
        grid: { left: 48, right: 16, top: 64, bottom: 24, containLabel: true },
        xAxis: { type: 'category', data: areas.map((a) => areaName(a)), axisLabel: { interval: 0, rotate: 30 } },
        yAxis: { type: 'value', name: t('projects'), minInterval: 1 },
        series: stages.map((s) => ({
          type: 'bar',
          stack: 'stage',
          name: label('stage', s),
          data: areas.map((a) => projects.filter((p) => p.county === a && p.stage === s).length),
        })),
      });
      stageEl.dataset.ready = '1';
    }
    if (funding) {
      const fundEl = h('div', { class: 'chart', 'data-testid': 'funding-chart' });
      grid.append(h('section', { class: 'card wide' }, h('h2', {}, t('fundsBySource')), fundEl));
      const sources = [
        ['central', t('central')],
        ['provincial', t('provincial')],
        ['municipal', t('municipal')],
        ['county', t('countyFund')],
      ] as const;
      createChart(fundEl).setOption({
        tooltip: {
          trigger: 'axis',
          axisPointer: { type: 'shadow' },
          valueFormatter: (v: number) => `${groupNum(v)} ${t('wanUnit')}`,
        },
        legend: { top: 0 },
        grid: { left: 24, right: 16, top: 64, bottom: 24, containLabel: true },
        xAxis: {
          type: 'category',
          data: funding.map((f) => areaName(f.group, f.groupName)),
          axisLabel: { interval: 0, rotate: 30 },
        },
        yAxis: { type: 'value', name: t('wanUnit'), axisLabel: { formatter: (v: number) => groupNum(v, 0) } },
        series: [
          ...sources.map(([k, name]) => ({
            type: 'bar',
            stack: 'allocated',
            name,
            data: funding.map((f) => wan(f.allocated?.[k])),
          })),
          { type: 'bar', name: t('spent'), data: funding.map((f) => wan(f.spent)), itemStyle: { color: '#5b2c0f' } },
        ],
      });
      fundEl.dataset.ready = '1';
    }
    if (projects) {
      const overdue = projects.filter((p) => p.overdue);
      grid.append(
        listCard(
          'overdueList',
          'overdue-projects',
          overdue.length,
          overdueTable(overdue),
          'noneOverdueProjects',
          true,
          true,
        ),
      );
    }
    if (dueThisYear)
      grid.append(
        listCard(
          'appraisalsThisYear',
          'appraisals-this-year',
          dueThisYear.length,
          appraisalTable(dueThisYear),
          'noneAppraisalsThisYear',
          false,
        ),
      );
    if (dueOverdue)
      grid.append(
        listCard(
          'appraisalsOverdue',
          'appraisals-overdue',
          dueOverdue.length,
          appraisalTable(dueOverdue),
          'noneAppraisalsOverdue',
          true,
        ),
      );
    if (hazards) {
      const open = hazards.filter((x) => x.status !== 'closed');
      grid.append(
        listCard('hazardsOverdue', 'hazards-overdue', open.length, hazardTable(open), 'noneHazardsOverdue', true, true),
      );
    }
  })();
}

const STAGES = [
  'appraisal',
  'preliminary_design',
  'approval',
  'tendering',
  'construction',
  'completion_acceptance',
  'final_acceptance',
];

/** A titled list with its count; an empty list says so instead of showing a bare table head. */
function listCard(
  title: string,
  testid: string,
  n: number,
  table: HTMLElement,
  emptyKey: string,
  bad: boolean,
  wide = false,
): HTMLElement {
  return h(
    'section',
    { class: `card${wide ? ' wide' : ''}`, 'data-testid': testid, 'data-count': n },
    h('h2', {}, t(title), h('span', { class: `count${bad && n > 0 ? ' bad' : ''}` }, String(n))),
    n ? h('div', { class: 'table-wrap short' }, table) : h('p', { class: 'empty' }, t(emptyKey)),
    n > MAX_ROWS ? h('p', { class: 'muted small' }, tf('moreRows', { n: n - MAX_ROWS })) : null,
  );
}

const link = (code: string) => `<a href="#/reservoir/${encodeURIComponent(code)}">${esc(code)}</a>`;

function table(head: string[], body: string[], numCols: number[] = []): HTMLElement {
  const el = h('table', { class: 'data compact' });
  el.innerHTML =
    `<thead><tr>${head.map((k, i) => `<th${numCols.includes(i) ? ' class="num"' : ''}>${esc(t(k))}</th>`).join('')}</tr></thead>` +
    `<tbody>${body.slice(0, MAX_ROWS).join('')}</tbody>`;
  return el;
}

function overdueTable(rows: Project[]): HTMLElement {
  return table(
    ['code', 'name', 'county', 'stage', 'budgetWan', 'allocatedWan', 'spentWan', 'plannedFinish'],
    rows.map(
      (p) =>
        `<tr><td>${link(p.reservoirCode)}</td><td>${esc(p.reservoirName)}</td><td>${esc(areaName(p.county))}</td><td>${esc(
          label('stage', p.stage),
        )}</td><td class="num">${fmtMoney(p.budget)}</td><td class="num">${fmtMoney(p.allocated)}</td><td class="num">${fmtMoney(
          p.spent,
        )}</td><td class="over">${fmtTime(p.plannedFinish, 'date')}</td></tr>`,
    ),
    [4, 5, 6],
  );
}

function appraisalTable(rows: AppraisalDue[]): HTMLElement {
  return table(
    ['code', 'name', 'county', 'damCategory', 'lastAppraisal', 'dueOn'],
    rows.map(
      (r) =>
        `<tr><td>${link(r.reservoirCode)}</td><td>${esc(r.reservoirName)}</td><td>${esc(
          areaName(r.county, r.countyName),
        )}</td><td>${esc(label('damCategory', r.damCategory))}</td><td>${fmtTime(r.lastAppraisal, 'date')}</td><td${
          r.overdue ? ' class="over"' : ''
        }>${fmtTime(r.nextAppraisal, 'date')}</td></tr>`,
    ),
  );
}

function hazardTable(rows: Hazard[]): HTMLElement {
  return table(
    ['code', 'name', 'county', 'severity', 'location', 'description', 'foundOn', 'deadline', 'status'],
    rows.map(
      (x) =>
        `<tr><td>${link(x.reservoirCode)}</td><td>${esc(x.reservoirName)}</td><td>${esc(
          areaName(x.county, x.countyName),
        )}</td><td>${x.severity === 'major' ? '<b class="warn-text">' : '<span>'}${esc(label('hazardSev', x.severity))}${
          x.severity === 'major' ? '</b>' : '</span>'
        }</td><td>${esc(x.locationOnDam)}</td><td class="wrap">${esc(x.description)}</td><td>${fmtTime(
          x.foundOn,
          'date',
        )}</td><td class="over">${fmtTime(x.rectificationDeadline, 'date')}</td><td>${esc(label('hazardStatus', x.status))}</td></tr>`,
    ),
  );
}
