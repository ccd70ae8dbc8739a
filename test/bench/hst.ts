// HST models for every dam-safety instrument of the city: fit time against a ceiling, then false model alerts on
// clean series. Synthetic two-year daily series (known coefficients + RTU noise) stand in for each seepage-pressure,
// seepage-flow and displacement sensor of the seed registry's monitored reservoirs. `npm run bench:hst` (after
// `npm run build`).
import {
  buildHstDesign,
  fitHst,
  HST_JUDGE_START,
  HST_RULE_DEFAULTS,
  hstInputs,
  judgeDay,
  SYNTHETIC_TRUTHS,
  syntheticInstrument,
  syntheticReservoir,
  type DailyValue,
  type HstInputs,
  type HstModel,
} from '@yz/domain';
import { header, registry, table } from './lib.js';

const RUNS = 3;
/** Days of each instrument's series for the fits; the level runs a third year for the false-alarm regimes. */
const DAYS = 730;
const LEVEL_DAYS = 3 * 365 + 10;
/** Every tenth instrument is judged for false alarms (in-sample, and in service in its second and third year). */
const FALSE_ALARM_SAMPLE = 10;
const FROM = '2024-01-01';
type Kind = keyof typeof SYNTHETIC_TRUTHS;

interface Site {
  base: number;
  level: DailyValue[];
  rain: DailyValue[];
  instruments: { seed: number; kind: Kind }[];
}

interface Instrument {
  site: Site;
  seed: number;
  kind: Kind;
  values: DailyValue[];
}

/** Monitored reservoirs of the registry: dam base = lowest stage–storage point, head = normal pool above it. */
function sites(): Site[] {
  return registry.reservoirs
    .filter((r) => r.damSafetyMonitoring)
    .map((r, i) => {
      const base = r.stageStorage[0][0];
      const head = r.levels.normalLevel - base;
      // The level starts ten days before the instruments, for the lag windows.
      const { level, rain } = syntheticReservoir({ seed: i + 1, start: '2023-12-22', days: LEVEL_DAYS, base, head });
      const instruments = r.sensors
        .filter((s): s is typeof s & { type: Kind } => s.type in SYNTHETIC_TRUTHS)
        .map((s, j) => ({ seed: (i + 1) * 100 + j, kind: s.type }));
      return { base, level, rain, instruments };
    });
}

/** The reservoir's inputs; only seepage flow is offered the rain term. */
function inputsFor(site: Site, kind: Kind): HstInputs {
  return hstInputs(site.base, site.level, kind === 'seepage_flow' ? site.rain : undefined);
}

function generate(site: Site, seed: number, kind: Kind, autocorrelation = 0, days = DAYS): DailyValue[] {
  const { truth, noise } = SYNTHETIC_TRUTHS[kind];
  const inputs = inputsFor(site, kind);
  return syntheticInstrument({ seed, inputs, truth, from: FROM, days, noise, autocorrelation });
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

/** Fits every instrument as the integrator would: the reservoir's inputs built once, then each instrument. */
function fitAll(all: Site[], byInstrument: Map<Site, Instrument[]>): { ms: number; models: HstModel[] } {
  const t0 = performance.now();
  const models: HstModel[] = [];
  for (const site of all) {
    const withRain = hstInputs(site.base, site.level, site.rain);
    const withoutRain: HstInputs = { ...withRain, rain: null };
    for (const i of byInstrument.get(site) ?? []) {
      const fit = fitHst(i.kind === 'seepage_flow' ? withRain : withoutRain, i.values, '2026-01-01T02:00:00+08:00');
      if (!fit.ok) throw new Error(fit.message);
      models.push(fit.model);
    }
  }
  return { ms: performance.now() - t0, models };
}

/**
 * The ceiling: the same inputs and design rows, then one plain normal-equations solve (XᵀX b = Xᵀy by Cholesky,
 * raw columns, no scaling, no selection) of the full term set per instrument. Counts Cholesky breakdowns and keeps
 * the in-sample RMS of each solution (NaN where it broke down), in instrument order.
 */
function ceilingAll(all: Site[], byInstrument: Map<Site, Instrument[]>) {
  const t0 = performance.now();
  let breakdowns = 0;
  const rms: number[] = [];
  for (const site of all) {
    const withRain = hstInputs(site.base, site.level, site.rain);
    const withoutRain: HstInputs = { ...withRain, rain: null };
    for (const i of byInstrument.get(site) ?? []) {
      const design = buildHstDesign(i.kind === 'seepage_flow' ? withRain : withoutRain, i.values);
      const x = [new Float64Array(design.y.length).fill(1), ...design.columns];
      const b = normalEquations(x, design.y);
      if (!b) {
        breakdowns++;
        rms.push(NaN);
        continue;
      }
      let rss = 0;
      for (let r = 0; r < design.y.length; r++) {
        let fit = 0;
        for (let j = 0; j < x.length; j++) fit += b[j] * x[j][r];
        rss += (design.y[r] - fit) ** 2;
      }
      rms.push(Math.sqrt(rss / design.y.length));
    }
  }
  return { ms: performance.now() - t0, breakdowns, rms };
}

/** Solves XᵀX b = Xᵀy by Cholesky; null on a non-positive pivot. */
function normalEquations(x: Float64Array[], y: Float64Array): Float64Array | null {
  const p = x.length;
  const a = Array.from({ length: p }, (_, i) => Float64Array.from(x, (c) => dot(x[i], c)));
  const b = Float64Array.from(x, (c) => dot(c, y));
  for (let j = 0; j < p; j++) {
    for (let k = 0; k < j; k++) a[j][j] -= a[j][k] ** 2;
    if (!(a[j][j] > 0)) return null;
    a[j][j] = Math.sqrt(a[j][j]);
    for (let i = j + 1; i < p; i++) {
      for (let k = 0; k < j; k++) a[i][j] -= a[i][k] * a[j][k];
      a[i][j] /= a[j][j];
    }
  }
  for (let i = 0; i < p; i++) {
    for (let k = 0; k < i; k++) b[i] -= a[i][k] * b[k];
    b[i] /= a[i][i];
  }
  for (let i = p - 1; i >= 0; i--) {
    for (let k = i + 1; k < p; k++) b[i] -= a[k][i] * b[k];
    b[i] /= a[i][i];
  }
  return b;
}

function dot(u: Float64Array, v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < u.length; i++) s += u[i] * v[i];
  return s;
}

const INSTRUMENT = { code: 'X', name: { zh: '测点', en: 'instrument' }, unit: '' };

/**
 * Model alerts opened per instrument-year (an alert stays open until a day clears it). `year` 0: the model of two
 * years judges those two years (in-sample). `year` 2 or 3: a model in service judges that year, refitted every 30
 * days on all days before — with one, then two years of history behind it.
 */
function falseAlarms(sample: Instrument[], autocorrelation: number, year: 0 | 2 | 3) {
  // The default rule (a yellow needs a second day beyond 3σ) and the one-day rule, on the same verdicts.
  const rules = [HST_RULE_DEFAULTS, { ...HST_RULE_DEFAULTS, confirmDays: 1 }];
  const alerts = rules.map(() => 0);
  let days = 0;
  for (const i of sample) {
    const inputs = inputsFor(i.site, i.kind);
    const values = generate(i.site, i.seed, i.kind, autocorrelation, year ? 365 * year : DAYS);
    const start = year ? 365 * (year - 1) : 0;
    let model: HstModel | null = null;
    const states = rules.map(() => ({ state: HST_JUDGE_START, open: false }));
    for (let d = start; d < values.length; d++) {
      if (model === null || (year && (d - start) % 30 === 0)) {
        const fit = fitHst(inputs, year ? values.slice(0, d) : values, 'bench');
        if (!fit.ok) throw new Error(fit.message);
        model = fit.model;
      }
      for (const [r, rule] of rules.entries()) {
        const { verdict, state } = judgeDay(model, inputs, INSTRUMENT, states[r].state, values[d], rule);
        states[r].state = state;
        if (!states[r].open && verdict.severity) [states[r].open, alerts[r]] = [true, alerts[r] + 1];
        else if (states[r].open && verdict.clear) states[r].open = false;
      }
      days++;
    }
  }
  const years = days / 365.25;
  return {
    instrumentYears: Math.round(years),
    alerts: alerts[0],
    perYear: +(alerts[0] / years).toFixed(2),
    oneDayRulePerYear: +(alerts[1] / years).toFixed(2),
  };
}

function main(): void {
  const all = sites();
  const byInstrument = new Map(
    all.map((site) => [site, site.instruments.map((i) => ({ site, ...i, values: generate(site, i.seed, i.kind) }))]),
  );
  const instruments = [...byInstrument.values()].flat();
  header(
    `hst: fit an HST model per dam-safety instrument (${instruments.length} instruments of ${all.length} ` +
      `monitored reservoirs × ${DAYS} days), median of ${RUNS}`,
    'in-process, pure functions (@yz/domain); synthetic daily means from known coefficients + RTU noise',
  );

  const fits: number[] = [];
  const ceilings: number[] = [];
  let models: HstModel[] = [];
  let ceiling = { ms: 0, breakdowns: 0, rms: [] as number[] };
  for (let run = 0; run < RUNS; run++) {
    const fitted = fitAll(all, byInstrument);
    fits.push(fitted.ms);
    models = fitted.models;
    ceiling = ceilingAll(all, byInstrument);
    ceilings.push(ceiling.ms);
  }
  const fitMs = median(fits);
  const ceilingMs = median(ceilings);
  const rmsOverSigma = ceiling.rms.map((r, i) => r / models[i].sigma).filter(Number.isFinite);
  table(
    ['step', 'city s', 'per instrument ms', 'runs s'],
    [
      [
        'fit (inputs, design, QR, BIC selection)',
        fitMs / 1000,
        fitMs / instruments.length,
        fits.map((m) => (m / 1000).toFixed(1)).join(' / '),
      ],
      [
        'ceiling (inputs, design, one normal-equations solve)',
        ceilingMs / 1000,
        ceilingMs / instruments.length,
        ceilings.map((m) => (m / 1000).toFixed(1)).join(' / '),
      ],
    ],
  );
  console.log(
    `fit / ceiling: ${(fitMs / ceilingMs).toFixed(2)}; normal equations on raw terms: ${ceiling.breakdowns} Cholesky ` +
      `breakdowns, their RMS / model σ median ${median(rmsOverSigma).toFixed(2)}, worst ${Math.max(...rmsOverSigma).toFixed(1)}`,
  );
  const r2 = models.map((m) => m.r2);
  const terms = models.map((m) => Object.keys(m.terms).length - 1);
  console.log(
    `models: R² median ${median(r2).toFixed(4)}, lowest ${Math.min(...r2).toFixed(4)}; terms kept median ${median(terms)}`,
  );

  const sample = instruments.filter((_, i) => i % FALSE_ALARM_SAMPLE === 0);
  const regimes = [
    ['in-sample, two years', 0, 0],
    ['in-sample, two years', 0.6, 0],
    ['year 2, refit monthly', 0, 2],
    ['year 2, refit monthly', 0.6, 2],
    ['year 3, refit monthly', 0, 3],
    ['year 3, refit monthly', 0.6, 3],
  ] as const;
  const alarms = regimes.map(([regime, rho, year]) => ({
    regime,
    autocorrelation: rho,
    ...falseAlarms(sample, rho, year),
  }));
  table(
    [
      'false model alerts (clean series)',
      'noise autocorrelation',
      'instrument-years',
      'alerts',
      'per instrument-year',
      'one-day rule',
    ],
    alarms.map((a) => [
      a.regime,
      a.autocorrelation,
      a.instrumentYears,
      a.alerts,
      a.perYear.toFixed(2),
      a.oneDayRulePerYear.toFixed(2),
    ]),
  );

  console.log(
    'RESULT ' +
      JSON.stringify({
        bench: 'hst',
        instruments: instruments.length,
        reservoirs: all.length,
        days: DAYS,
        fitCitySeconds: +(fitMs / 1000).toFixed(2),
        fitMsPerInstrument: +(fitMs / instruments.length).toFixed(3),
        ceilingCitySeconds: +(ceilingMs / 1000).toFixed(2),
        fitOverCeiling: +(fitMs / ceilingMs).toFixed(2),
        normalEquationBreakdowns: ceiling.breakdowns,
        medianR2: +median(r2).toFixed(4),
        falseAlarms: alarms,
      }),
  );
}

main();
