import { describe, expect, it } from 'vitest';
import { generateRegistry } from '../generate/index.js';
import { constructionRows } from './load-construction.js';

const fen = (amount: string) => {
  const [int, dec = ''] = amount.split('.');
  return BigInt(int!) * 100n + BigInt(dec.padEnd(2, '0') || '0');
};

describe('telemetry and dam-monitoring construction rows (永政办发〔2021〕32号 一, 五.2)', () => {
  const registry = generateRegistry();
  const rows = constructionRows(registry.reservoirs);
  const byCode = new Map(registry.reservoirs.map((r) => [r.code, r]));
  const telemetry = rows.projects.filter((p) => p.kind === 'telemetry');
  const monitoring = rows.projects.filter((p) => p.kind === 'dam_monitoring');

  it('gives 1290 small reservoirs telemetry and the 401 monitored small ones dam monitoring', () => {
    expect(telemetry).toHaveLength(1290);
    expect(monitoring).toHaveLength(401);
    expect(new Set(telemetry.map((p) => p.reservoir_code)).size).toBe(1290);
    expect(telemetry.every((p) => byCode.get(p.reservoir_code)!.scale !== 'medium')).toBe(true);
    expect(monitoring.every((p) => byCode.get(p.reservoir_code)!.damSafetyMonitoring)).toBe(true);
  });

  it('budgets by the standard: 80,000 small(1), 60,000 small(2), 300,000 dam monitoring', () => {
    for (const p of telemetry) {
      expect(p.budget).toBe(byCode.get(p.reservoir_code)!.scale === 'small1' ? '80000.00' : '60000.00');
    }
    expect(monitoring.every((p) => p.budget === '300000.00' && p.budget_basis === 'standard')).toBe(true);
    const small1 = registry.reservoirs.filter((r) => r.scale === 'small1').length;
    const total = telemetry.reduce((a, p) => a + fen(p.budget), 0n);
    expect(total).toBe(BigInt(small1) * 8_000_000n + BigInt(1290 - small1) * 6_000_000n);
  });

  it('funds from provincial bonds only, never spends more than arrived, and is mostly done by the 2025 horizon', () => {
    expect(rows.allocations.every((a) => a.source === 'provincial')).toBe(true);
    const key = (r: { reservoir_code: string; kind: string }) => `${r.reservoir_code}/${r.kind}`;
    const allocated = new Map<string, bigint>();
    for (const a of rows.allocations) allocated.set(key(a), (allocated.get(key(a)) ?? 0n) + fen(a.amount));
    const spent = new Map<string, bigint>();
    for (const e of rows.expenditures) spent.set(key(e), (spent.get(key(e)) ?? 0n) + fen(e.amount));
    for (const p of rows.projects) {
      expect(allocated.get(key(p))! <= fen(p.budget)).toBe(true);
      expect((spent.get(key(p)) ?? 0n) <= allocated.get(key(p))!).toBe(true);
      expect(p.planned_finish <= '2025-12-31').toBe(true);
      expect(p.planned_start <= p.planned_finish).toBe(true);
      expect(p.stage === 'acceptance').toBe(p.actual_finish !== null);
      if (p.stage === 'acceptance') expect(p.progress_percent).toBe(100);
    }
    const done = rows.projects.filter((p) => p.stage === 'acceptance').length;
    expect(done / rows.projects.length).toBeGreaterThan(0.9);
    expect(done).toBeLessThan(rows.projects.length);
    expect([...rows.allocations, ...rows.expenditures].every((r) => /^\d+\.\d{2}$/.test(r.amount))).toBe(true);
  });

  it('is deterministic', () => {
    expect(constructionRows(generateRegistry().reservoirs)).toEqual(rows);
  });
});
