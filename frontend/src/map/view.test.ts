import { describe, expect, it } from 'vitest';
import type { CountyGeoJson } from './geo';
import { fit, fromScreen, labelPoint, pathOf, projection, ramp, toScreen, zoomAt } from './view';

const square: CountyGeoJson = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { name: '431102' },
      geometry: {
        type: 'MultiPolygon',
        coordinates: [
          [
            [
              [111, 26],
              [112, 26],
              [112, 27],
              [111, 27],
            ],
          ],
        ],
      },
    },
  ],
};

describe('map view', () => {
  const p = projection(square);

  it('fits the outlines into the box, north up, centred', () => {
    const v = fit(p.bounds, 400, 300, 0);
    const [nw, se] = [toScreen(v, p.project([111, 27])), toScreen(v, p.project([112, 26]))];
    expect(nw[1]).toBeCloseTo(0);
    expect(se[1]).toBeCloseTo(300);
    expect((nw[0] + se[0]) / 2).toBeCloseTo(200);
    // Longitude shrinks with latitude: a 1°×1° square is taller than wide.
    expect(se[0] - nw[0]).toBeLessThan(300);
  });

  it('zooms about a point, which stays put, and maps back', () => {
    const v = fit(p.bounds, 400, 300);
    const at: [number, number] = [120, 80];
    const z = zoomAt(v, 2, at);
    const under = fromScreen(v, at);
    expect(toScreen(z, under)[0]).toBeCloseTo(120);
    expect(toScreen(z, under)[1]).toBeCloseTo(80);
    expect(z.k).toBe(v.k * 2);
    expect(p.unproject(p.project([111.3, 26.2]))).toEqual([111.3, 26.2]);
  });

  it('labels at the centroid, draws closed paths, ramps colours', () => {
    expect(labelPoint(square.features[0]!)).toEqual([111.5, 26.5]);
    expect(pathOf(square.features[0]!, p.project)).toMatch(/^M[\d.,-]+(L[\d.,-]+){3}Z$/);
    expect(ramp(['#000000', '#ffffff'], 0.5)).toBe('#808080');
    expect(ramp(['#000000', '#ff0000', '#ffffff'], 1)).toBe('#ffffff');
    expect(ramp(['#000000', '#ffffff'], 7)).toBe('#ffffff');
  });
});
