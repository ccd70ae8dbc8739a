// Labels in Simplified Chinese (default) and English; times always shown in Asia/Shanghai. The language is a Vue ref,
// so every template and computed that calls t() re-renders on a switch.

import { ref } from 'vue';
import * as core from './messages/core';
import * as flood from './messages/flood';
import * as models from './messages/models';
import * as map from './messages/map';
import * as rain from './messages/rain';
import * as registers from './messages/registers';

export type Lang = 'zh' | 'en';

// Every feature's labels in one table per language.
const zh: Record<string, string> = { ...core.zh, ...map.zh, ...rain.zh, ...flood.zh, ...models.zh, ...registers.zh };
const en: Record<string, string> = { ...core.en, ...map.en, ...rain.en, ...flood.en, ...models.en, ...registers.en };

export const AREAS: Record<string, [string, string]> = {
  '431102': ['零陵区', 'Lingling'],
  '431103': ['冷水滩区', 'Lengshuitan'],
  '431181': ['祁阳市', 'Qiyang'],
  '431122': ['东安县', 'Dong’an'],
  '431123': ['双牌县', 'Shuangpai'],
  '431124': ['道县', 'Daoxian'],
  '431125': ['江永县', 'Jiangyong'],
  '431126': ['宁远县', 'Ningyuan'],
  '431127': ['蓝山县', 'Lanshan'],
  '431128': ['新田县', 'Xintian'],
  '431129': ['江华瑶族自治县', 'Jianghua'],
  '431171': ['永州经济技术开发区', 'Yongzhou ETDZ'],
  '431172': ['金洞管理区', 'Jindong'],
  '431173': ['回龙圩管理区', 'Huilongxu'],
};

const lang = ref<Lang>(globalThis.localStorage?.getItem('lang') === 'en' ? 'en' : 'zh');

export function getLang(): Lang {
  return lang.value;
}

export function setLang(l: Lang): void {
  lang.value = l;
  localStorage.setItem('lang', l);
  document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en';
}

/** Label for a key; unknown keys fall back to the key itself. */
export function t(key: string): string {
  const dict = lang.value === 'zh' ? zh : en;
  return dict[key] ?? key;
}

/** Label for an enumerated value (e.g. label('damType', 'earth')), or the raw value when unknown. */
export function label(prefix: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  const key = `${prefix}.${value}`;
  const text = t(key);
  return text === key ? String(value) : text;
}

/** Area (county) name by statistical code, falling back to the given name. */
export function areaName(code: string | null | undefined, fallback = ''): string {
  if (!code) return t('cityWide');
  const a = AREAS[code];
  return a ? a[lang.value === 'zh' ? 0 : 1] : fallback || code;
}

const fmtCache = new Map<string, Intl.DateTimeFormat>();

function formatter(kind: 'full' | 'short' | 'date'): Intl.DateTimeFormat {
  const key = lang.value + kind;
  let f = fmtCache.get(key);
  if (!f) {
    const opts: Intl.DateTimeFormatOptions = { timeZone: 'Asia/Shanghai', hour12: false };
    if (kind === 'full')
      Object.assign(opts, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
    if (kind === 'short') Object.assign(opts, { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
    if (kind === 'date') Object.assign(opts, { year: 'numeric', month: '2-digit', day: '2-digit' });
    f = new Intl.DateTimeFormat(lang.value === 'zh' ? 'zh-CN' : 'en-GB', opts);
    fmtCache.set(key, f);
  }
  return f;
}

/** Date and time in Asia/Shanghai, e.g. 2026/07/01 08:00. */
export function fmtTime(
  v: string | number | Date | null | undefined,
  kind: 'full' | 'short' | 'date' = 'full',
): string {
  if (v === null || v === undefined || v === '') return '—';
  const d = v instanceof Date ? v : new Date(v);
  return Number.isNaN(d.getTime()) ? '—' : formatter(kind).format(d);
}

/** Number with fixed decimals, or a dash. */
export function fmtNum(v: number | string | null | undefined, digits = 2): string {
  if (v === null || v === undefined || v === '') return '—';
  const n = Number(v);
  return Number.isFinite(n) ? n.toFixed(digits) : '—';
}

/** Label with {placeholders} filled in, e.g. tf('moreRows', { n: 3 }). */
export function tf(key: string, vars: Record<string, string | number>): string {
  return t(key).replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

/** A 0..1 ratio as a percentage with one decimal, or a dash. */
export function fmtPct(v: number | string | null | undefined): string {
  if (v === null || v === undefined || v === '') return '—';
  const n = Number(v);
  return Number.isFinite(n) ? `${(n * 100).toFixed(1)}%` : '—';
}

/**
 * A CNY decimal string (e.g. "12345678.90") shown exactly with thousands separators, in 元 or rounded to
 * 0.01 万元. Exact: works on the digits, never through floating point.
 */
export function fmtMoney(v: string | number | null | undefined, unit: 'yuan' | 'wan' = 'wan'): string {
  if (v === null || v === undefined || v === '') return '—';
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(String(v).trim());
  if (!m) return '—';
  let fen = BigInt(m[2]) * 100n + BigInt((m[3] ?? '').padEnd(2, '0'));
  if (unit === 'wan') fen = (fen + 5000n) / 10000n; // now in 0.01 万元 (100 元), half up
  const whole = (fen / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${m[1] && fen !== 0n ? '-' : ''}${whole}.${(fen % 100n).toString().padStart(2, '0')}`;
}

/** A value with its unit, e.g. "328.64 m"; a dash when there is no value. */
export function fmtUnit(v: number | string | null | undefined, unit: string, digits = 2): string {
  const n = fmtNum(v, digits);
  return n === '—' ? n : `${n} ${unit}`;
}

/** A duration in words: "45 分钟", "3 小时 5 分钟" / "45 min", "3 h 5 min". */
export function fmtDuration(ms: number): string {
  const min = Math.max(0, Math.round(ms / 60_000));
  const h = Math.floor(min / 60);
  const m = min % 60;
  const [hw, mw] = lang.value === 'zh' ? [' 小时', ' 分钟'] : [' h', ' min'];
  if (h >= 48) return lang.value === 'zh' ? `${Math.floor(h / 24)} 天` : `${Math.floor(h / 24)} d`;
  return h ? `${h}${hw}${m ? ` ${m}${mw}` : ''}` : `${m}${mw}`;
}
