import { AREAS, type ReservoirSeed } from '@yz/domain';
import { describe, expect, it } from 'vitest';
import { generateRegistry } from './index.js';

const registry = generateRegistry();
const { reservoirs, projects } = registry;
const small = reservoirs.filter((r) => r.scale !== 'medium');
const isKeySmall2 = (r: ReservoirSeed) => r.scale === 'small2' && r.damHeight >= 10 && r.totalStorage >= 20;

describe('generateRegistry: policy figures', () => {
  it('has 4 medium and 1290 small reservoirs over all 14 areas', () => {
    expect(reservoirs).toHaveLength(1294);
    expect(reservoirs.filter((r) => r.scale === 'medium')).toHaveLength(4);
    expect(small).toHaveLength(1290);
    expect(new Set(reservoirs.map((r) => r.areaCode))).toEqual(new Set(AREAS.map((a) => a.code)));
  });

  it('splits small(1) to small(2) at about 1 : 4–5', () => {
    const small1 = small.filter((r) => r.scale === 'small1').length;
    expect((small.length - small1) / small1).toBeGreaterThanOrEqual(4);
    expect((small.length - small1) / small1).toBeLessThanOrEqual(5);
  });

  it('monitors exactly 401 small reservoirs: every small(1) and exactly the key small(2); medium too', () => {
    expect(small.filter((r) => r.damSafetyMonitoring)).toHaveLength(401);
    for (const r of reservoirs) {
      expect(r.damSafetyMonitoring, r.code).toBe(r.scale !== 'small2' || isKeySmall2(r));
    }
  });

  it('has 480 reinforcement projects: the 4 medium and 476 small category-3 reservoirs', () => {
    const dangerous = reservoirs.filter((r) => r.damCategory === 3);
    expect(projects).toHaveLength(480);
    expect(dangerous.filter((r) => r.scale === 'medium')).toHaveLength(4);
    expect(dangerous.filter((r) => r.scale !== 'medium')).toHaveLength(476);
    expect(new Set(projects.map((p) => p.reservoirCode))).toEqual(new Set(dangerous.map((r) => r.code)));
  });

  it('has 122 small reservoirs outside the programme due for appraisal by end of 2022, the rest due 2023–2030', () => {
    const due = reservoirs.filter((r) => r.nextAppraisal <= '2022-12-31');
    expect(due).toHaveLength(122);
    expect(due.every((r) => r.scale !== 'medium' && r.damCategory !== 3)).toBe(true);
    const rest = reservoirs.filter((r) => r.nextAppraisal > '2022-12-31');
    expect(rest.every((r) => r.nextAppraisal <= '2030-12-31')).toBe(true);
  });
});

describe('generateRegistry: each reservoir', () => {
  it('keeps scale-consistent storage, dam height, catchment and spillway', () => {
    const bounds = {
      small2: { storage: [10, 100], height: [6, 25], catchment: [0.5, 10] },
      small1: { storage: [100, 1000], height: [10, 40], catchment: [3, 50] },
      medium: { storage: [1000, 10000], height: [25, 60], catchment: [30, 300] },
    };
    for (const r of reservoirs) {
      const b = bounds[r.scale];
      expect(r.totalStorage, r.code).toBeGreaterThanOrEqual(b.storage[0]);
      expect(r.totalStorage, r.code).toBeLessThan(b.storage[1]);
      expect(r.damHeight, r.code).toBeGreaterThanOrEqual(b.height[0]);
      expect(r.damHeight, r.code).toBeLessThanOrEqual(b.height[1]);
      expect(r.catchmentArea, r.code).toBeGreaterThanOrEqual(b.catchment[0]);
      expect(r.catchmentArea, r.code).toBeLessThanOrEqual(b.catchment[1]);
      expect(r.spillwayWidth, r.code).toBeGreaterThanOrEqual(3);
      expect(r.spillwayWidth, r.code).toBeLessThanOrEqual(40);
    }
  });

  it('orders the characteristic levels, with flood limit = normal pool exactly when ungated', () => {
    for (const { code, levels: l, gatedSpillway, damHeight, stageStorage } of reservoirs) {
      expect(l.deadLevel, code).toBeLessThan(l.floodLimitLevel);
      expect(l.normalLevel, code).toBeLessThan(l.designFloodLevel);
      expect(l.designFloodLevel, code).toBeLessThan(l.checkFloodLevel);
      expect(l.checkFloodLevel, code).toBeLessThan(l.crestElevation);
      if (gatedSpillway) expect(l.floodLimitLevel, code).toBeLessThan(l.normalLevel);
      else expect(l.floodLimitLevel, code).toBe(l.normalLevel);
      const freeboard = l.crestElevation - l.checkFloodLevel;
      expect(freeboard, code).toBeGreaterThanOrEqual(0.49);
      expect(freeboard, code).toBeLessThanOrEqual(1.51);
      expect(l.crestElevation - stageStorage[0][0], code).toBeCloseTo(damHeight, 1);
    }
  });

  it('has a strictly increasing stage–storage curve of 8–12 points from below dead level to the crest', () => {
    for (const { code, levels, stageStorage, totalStorage } of reservoirs) {
      expect(stageStorage.length, code).toBeGreaterThanOrEqual(8);
      expect(stageStorage.length, code).toBeLessThanOrEqual(12);
      for (let i = 1; i < stageStorage.length; i++) {
        expect(stageStorage[i][0], code).toBeGreaterThan(stageStorage[i - 1][0]);
        expect(stageStorage[i][1], code).toBeGreaterThan(stageStorage[i - 1][1]);
      }
      expect(stageStorage[0][0], code).toBeLessThan(levels.deadLevel);
      expect(stageStorage.at(-1)?.[0], code).toBe(levels.crestElevation);
      const atCheck = stageStorage.find(([level]) => level === levels.checkFloodLevel);
      expect(atCheck?.[1], code).toBeCloseTo(totalStorage, 2);
    }
  });

  it('has unique codes of the form {area}-{4 digits} and unique names ending in 水库', () => {
    expect(new Set(reservoirs.map((r) => r.code)).size).toBe(reservoirs.length);
    expect(new Set(reservoirs.map((r) => r.name)).size).toBe(reservoirs.length);
    for (const r of reservoirs) {
      expect(r.code).toMatch(new RegExp(`^${r.areaCode}-\\d{4}$`));
      expect(r.name).toMatch(/^\p{Script=Han}{2,3}水库$/u);
    }
  });

  it('lies within its area radius', () => {
    for (const r of reservoirs) {
      const area = AREAS.find((a) => a.code === r.areaCode)!;
      const [lon, lat] = area.center;
      const km = Math.hypot(
        (r.longitude - lon) * 111.32 * Math.cos((lat * Math.PI) / 180),
        (r.latitude - lat) * 111.32,
      );
      expect(km, r.code).toBeLessThanOrEqual(area.radiusKm + 0.01);
    }
  });

  it('has RG1, WL1, BV1 everywhere and 3–6 SP, 1 SF, 2–4 DS with thresholds on monitored dams', () => {
    for (const r of reservoirs) {
      const count = (prefix: string) => r.sensors.filter((s) => s.code.startsWith(prefix)).length;
      expect(
        r.sensors.filter((s) => ['RG1', 'WL1', 'BV1'].includes(s.code) && s.threshold === null),
        r.code,
      ).toHaveLength(3);
      expect(new Set(r.sensors.map((s) => s.code)).size).toBe(r.sensors.length);
      if (r.damSafetyMonitoring) {
        expect(count('SP')).toBeGreaterThanOrEqual(3);
        expect(count('SP')).toBeLessThanOrEqual(6);
        expect(count('SF')).toBe(1);
        expect(count('DS')).toBeGreaterThanOrEqual(2);
        expect(count('DS')).toBeLessThanOrEqual(4);
        expect(r.sensors.filter((s) => s.threshold !== null)).toHaveLength(r.sensors.length - 3);
      } else {
        expect(r.sensors).toHaveLength(3);
      }
    }
  });

  it('has the four responsible persons with 11-digit mobile numbers', () => {
    for (const r of reservoirs) {
      expect(r.responsiblePersons.map((p) => p.role)).toEqual(['government', 'department', 'management', 'patrol']);
      for (const p of r.responsiblePersons) {
        expect(p.phone).toMatch(/^1[358]\d{9}$/);
        expect(p.trained).toBe(p.trainedOn !== null);
      }
    }
  });

  it('puts every reservoir under professional or social management', () => {
    expect(reservoirs.every((r) => r.managementMode !== 'self')).toBe(true);
  });

  it('appraises within the 6–10-year rule, after completion', () => {
    for (const r of reservoirs) {
      const years = Number(r.nextAppraisal.slice(0, 4)) - Number(r.lastAppraisal?.slice(0, 4));
      expect(years, r.code).toBeGreaterThanOrEqual(6);
      expect(years, r.code).toBeLessThanOrEqual(10);
      expect(Number(r.lastAppraisal?.slice(0, 4)) - r.completionYear, r.code).toBeGreaterThanOrEqual(6);
    }
  });
});

describe('generateRegistry: projects', () => {
  it('follows the funding standard and finishes by 2025-12-31, progress consistent with stage', () => {
    const byCode = new Map(reservoirs.map((r) => [r.code, r]));
    for (const p of projects) {
      const scale = byCode.get(p.reservoirCode)?.scale;
      if (scale === 'small1') expect(p.budget).toBe(5_000_000);
      else if (scale === 'small2') expect(p.budget).toBe(1_900_000);
      else expect(p.budget >= 30_000_000 && p.budget <= 120_000_000 && Number.isInteger(p.budget)).toBe(true);
      expect(p.plannedStart < p.plannedFinish && p.plannedFinish <= '2025-12-31').toBe(true);
      const done = p.stage === 'completion_acceptance' || p.stage === 'final_acceptance';
      expect(p.progressPercent === 100).toBe(done);
    }
    expect(projects.filter((p) => p.stage === 'construction').length).toBeGreaterThan(0);
  });
});

describe('generateRegistry: determinism', () => {
  it('gives the same registry for the same seed and a different one for another seed', () => {
    expect(generateRegistry()).toEqual(registry);
    expect(generateRegistry(7)).toEqual(generateRegistry(7));
    expect(generateRegistry(7)).not.toEqual(registry);
  });
});
