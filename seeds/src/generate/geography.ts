import type { Area, Random } from '@yz/domain';
import { round } from './numeric.js';

const KM_PER_DEGREE = 111.32;

/**
 * Reservoir sites inside an area: most cluster in a few hilly tracts, the rest scatter; none within 10% of
 * the radius from the county seat, which sits on the valley floor. Returns [longitude, latitude] pairs.
 */
export function scatterInArea(rng: Random, area: Area, count: number): [number, number][] {
  const radius = area.radiusKm;
  const tracts = Array.from({ length: rng.int(3, 6) }, () => pointInDisc(rng, radius * 0.75));
  return Array.from({ length: count }, () => toLonLat(area, sitePoint(rng, radius, tracts)));
}

function sitePoint(rng: Random, radius: number, tracts: [number, number][]): [number, number] {
  for (;;) {
    const [x, y] = rng.chance(0.65) ? nearTract(rng, rng.pick(tracts), radius * 0.25) : pointInDisc(rng, radius);
    const distance = Math.hypot(x, y);
    if (distance <= radius && distance >= radius * 0.1) return [x, y];
  }
}

function nearTract(rng: Random, [cx, cy]: [number, number], spread: number): [number, number] {
  return [cx + rng.normal() * spread, cy + rng.normal() * spread];
}

/** Uniform over a disc of the given radius (km), as [east, north] offsets. */
function pointInDisc(rng: Random, radius: number): [number, number] {
  const r = radius * Math.sqrt(rng.next());
  const angle = 2 * Math.PI * rng.next();
  return [r * Math.cos(angle), r * Math.sin(angle)];
}

function toLonLat(area: Area, [east, north]: [number, number]): [number, number] {
  const [lon, lat] = area.center;
  const longitude = lon + east / (KM_PER_DEGREE * Math.cos((lat * Math.PI) / 180));
  const latitude = lat + north / KM_PER_DEGREE;
  return [round(longitude, 5), round(latitude, 5)];
}
