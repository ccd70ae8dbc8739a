// Reinforcement programme: stage counts per area, funds allocated vs spent by source, overdue projects.

import { getOptional } from '../api';
import { createChart } from '../charts';
import { esc, h } from '../dom';
import { areaName, fmtTime, label, t } from '../i18n';
import type { FundingRow, Project } from '../types';

/** CNY decimal string → 10⁴ CNY number for charts (display only; the API keeps exact strings). */
const wan = (v: string | number | undefined): number => Math.round(Number(v ?? 0) / 100) / 100;

export function renderProgramme(root: HTMLElement): void {
  root.append(h('p', {}, t('loading')));
  void (async () => {
    const [projects, funding] = await Promise.all([
      getOptional<Project[]>('/api/projects').catch(() => null),
      getOptional<FundingRow[]>('/api/funding/summary?groupBy=county').catch(() => null),
    ]);
    root.replaceChildren(h('div', { class: 'toolbar' }, h('h1', {}, t('programme'))));
    if (!projects && !funding) {
      root.append(
        h('section', { class: 'card', 'data-testid': 'programme-unavailable' }, h('p', {}, t('programmeUnavailable'))),
      );
      return;
    }
    const grid = h('div', { class: 'detail-grid' });
    root.append(grid);
    if (projects) {
      const stageEl = h('div', { class: 'chart' });
      grid.append(h('section', { class: 'card wide' }, h('h2', {}, t('stageCounts')), stageEl));
      const areas = [...new Set(projects.map((p) => p.county))].sort();
      const stages = [...new Set(projects.map((p) => p.stage))];
      createChart(stageEl).setOption({
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 48, right: 16, top: 40, bottom: 60 },
        xAxis: { type: 'category', data: areas.map((a) => areaName(a)), axisLabel: { rotate: 30 } },
        yAxis: { type: 'value', name: t('projects') },
        series: stages.map((s) => ({
          type: 'bar',
          stack: 'stage',
          name: label('stage', s),
          data: areas.map((a) => projects.filter((p) => p.county === a && p.stage === s).length),
        })),
      });
      const overdue = projects.filter((p) => p.overdue);
      grid.append(
        h(
          'section',
          { class: 'card wide' },
          h('h2', {}, `${t('overdueList')} (${overdue.length})`),
          h('div', { class: 'table-wrap short' }, overdueTable(overdue)),
        ),
      );
    }
    if (funding) {
      const fundEl = h('div', { class: 'chart' });
      grid.append(h('section', { class: 'card wide' }, h('h2', {}, t('fundsBySource')), fundEl));
      const sources = [
        ['central', t('central')],
        ['provincial', t('provincial')],
        ['municipal', t('municipal')],
        ['county', t('countyFund')],
      ] as const;
      createChart(fundEl).setOption({
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 64, right: 16, top: 40, bottom: 60 },
        xAxis: {
          type: 'category',
          data: funding.map((f) => areaName(f.group, f.groupName)),
          axisLabel: { rotate: 30 },
        },
        yAxis: { type: 'value' },
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
    }
  })();
}

function overdueTable(rows: Project[]): HTMLElement {
  const table = h('table', { class: 'data' });
  table.innerHTML =
    `<thead><tr><th>${t('code')}</th><th>${t('name')}</th><th>${t('county')}</th><th>${t('stage')}</th><th>${t(
      'budget',
    )}</th><th>${t('plannedFinish')}</th></tr></thead><tbody>` +
    rows
      .map(
        (p) =>
          `<tr><td><a href="#/reservoir/${encodeURIComponent(p.reservoirCode)}">${esc(p.reservoirCode)}</a></td><td>${esc(
            p.reservoirName,
          )}</td><td>${esc(areaName(p.county))}</td><td>${esc(label('stage', p.stage))}</td><td class="num">${wan(
            p.budget,
          ).toFixed(2)}</td><td>${fmtTime(p.plannedFinish, 'date')}</td></tr>`,
      )
      .join('') +
    '</tbody>';
  return table;
}
