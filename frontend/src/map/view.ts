// The map's geometry without a chart library: a local equirectangular projection (longitude shrunk by cos of the
// middle latitude, fine across one city), fitting it to a box, zoom about a point, and the choropleth colour ramp.

import type { CountyFeature, CountyGeoJson } from './geo';

export type Point = [number, number];
/** Screen pixels = projected × k + (x, y). */
export interface View {
  k: number;
  x: number;
  y: number;
}

export interface Projection {
  project(lonLat: Point): Point;
  unproject(xy: Point): Point;
  /** Projected bounds: [minX, minY, maxX, maxY]. */
  bounds: [number, number, number, number];
}

export function projection(geo: CountyGeoJson): Projection {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const f of geo.features)
    for (const poly of f.geometry.coordinates)
      for (const [lon, lat] of poly[0] ?? []) {
        [w, s, e, n] = [Math.min(w, lon), Math.min(s, lat), Math.max(e, lon), Math.max(n, lat)];
      }
  const c = Math.cos((((s + n) / 2) * Math.PI) / 180);
  const project = ([lon, lat]: Point): Point => [lon * c, -lat];
  const unproject = ([x, y]: Point): Point => [x / c, -y];
  return { project, unproject, bounds: [w * c, -n, e * c, -s] };
}

/** The view that fits the projected bounds into a width × height box with a margin, centred. */
export function fit(bounds: Projection['bounds'], width: number, height: number, margin = 8): View {
  const [x0, y0, x1, y1] = bounds;
  const k = Math.max(1e-9, Math.min((width - 2 * margin) / (x1 - x0), (height - 2 * margin) / (y1 - y0)));
  return { k, x: (width - (x1 - x0) * k) / 2 - x0 * k, y: (height - (y1 - y0) * k) / 2 - y0 * k };
}

/** Zooms `view` by `factor` keeping screen point `at` fixed. */
export function zoomAt(view: View, factor: number, at: Point): View {
  return { k: view.k * factor, x: at[0] - (at[0] - view.x) * factor, y: at[1] - (at[1] - view.y) * factor };
}

export const toScreen = (v: View, [x, y]: Point): Point => [x * v.k + v.x, y * v.k + v.y];
export const fromScreen = (v: View, [x, y]: Point): Point => [(x - v.x) / v.k, (y - v.y) / v.k];

/** SVG path data of a county in projected coordinates. */
export function pathOf(f: CountyFeature, project: Projection['project']): string {
  return f.geometry.coordinates
    .flatMap((rings) =>
      rings.map(
        (ring) =>
          'M' +
          ring
            .map((p) =>
              project(p)
                .map((n) => n.toFixed(4))
                .join(','),
            )
            .join('L') +
          'Z',
      ),
    )
    .join('');
}

/** Where a county's name goes: the area-weighted centroid of its largest outer ring (lon/lat). */
export function labelPoint(f: CountyFeature): Point {
  let best: { area: number; at: Point } = { area: -1, at: [0, 0] };
  for (const [outer] of f.geometry.coordinates) {
    if (!outer || outer.length < 3) continue;
    let [a, cx, cy] = [0, 0, 0];
    for (let i = 0, j = outer.length - 1; i < outer.length; j = i++) {
      const [xi, yi] = outer[i]!;
      const [xj, yj] = outer[j]!;
      const cross = xj * yi - xi * yj;
      [a, cx, cy] = [a + cross, cx + (xi + xj) * cross, cy + (yi + yj) * cross];
    }
    if (Math.abs(a) > best.area) best = { area: Math.abs(a), at: [cx / (3 * a), cy / (3 * a)] };
  }
  return best.at;
}

/** A colour on a ramp of #rrggbb stops, `t` from 0 to 1. */
export function ramp(stops: readonly string[], t: number): string {
  const u = Math.min(1, Math.max(0, t)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(u));
  const rgb = (s: string) => [1, 3, 5].map((o) => parseInt(s.slice(o, o + 2), 16));
  const [a, b] = [rgb(stops[i]!), rgb(stops[i + 1]!)];
  return (
    '#' +
    a
      .map((v, n) =>
        Math.round(v + (b[n]! - v) * (u - i))
          .toString(16)
          .padStart(2, '0'),
      )
      .join('')
  );
}
