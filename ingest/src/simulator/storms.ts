import { isFloodSeason, type Random } from '@yz/domain';

const HOUR_MS = 3_600_000;
const KM_PER_DEG_LAT = 110.57;
/** Beyond three radii a cell's rain is under 1.2% of its peak: skip it. */
const CUTOFF_RADII = 3;

export interface Bounds {
  west: number;
  east: number;
  south: number;
  north: number;
}

/** A rain cell: Gaussian in space, moving at constant velocity, growing and decaying as sin over its life. */
export interface Storm {
  startMs: number;
  endMs: number;
  lon: number;
  lat: number;
  /** Velocity in degrees per millisecond. */
  vLon: number;
  vLat: number;
  radiusKm: number;
  peakMmPerHour: number;
}

interface StormKind {
  /** Cells per day over 10,000 km², in the flood season and outside it. */
  perDayPer1e4Km2: [flood: number, dry: number];
  radiusKm: [number, number];
  peakMmPerHour: [number, number];
  hours: [number, number];
  speedKmPerHour: [number, number];
}

/** Convective cells bring the heavy, local rain; broad stratiform fields the light background rain. */
const CONVECTIVE: StormKind = {
  perDayPer1e4Km2: [0.6, 0.15],
  radiusKm: [6, 20],
  peakMmPerHour: [8, 45],
  hours: [1, 4],
  speedKmPerHour: [15, 45],
};
const STRATIFORM: StormKind = {
  perDayPer1e4Km2: [0.07, 0.07],
  radiusKm: [50, 120],
  peakMmPerHour: [0.5, 3],
  hours: [6, 18],
  speedKmPerHour: [5, 20],
};

interface ActiveCell {
  lon: number;
  lat: number;
  intensity: number;
  inv2r2: number;
  cutoff2: number;
}

/** The rain over the region: spawns storms at random, moves them, and answers rain rate at a point. */
export class StormField {
  private storms: Storm[] = [];
  private active: ActiveCell[] = [];
  private readonly kmPerDegLon: number;
  private readonly areaKm2: number;
  private lastMs: number | null = null;

  constructor(
    private readonly bounds: Bounds,
    private readonly prng: Random,
    /** Multiplies the natural storm frequency; 0 leaves only the storms added by hand. */
    private readonly rate: number,
  ) {
    this.kmPerDegLon = 111.32 * Math.cos((((bounds.south + bounds.north) / 2) * Math.PI) / 180);
    this.areaKm2 = (bounds.east - bounds.west) * this.kmPerDegLon * (bounds.north - bounds.south) * KM_PER_DEG_LAT;
  }

  add(storm: Storm): void {
    this.storms.push(storm);
  }

  /** A natural storm of the given kind somewhere over the region. */
  private spawn(kind: StormKind, nowMs: number): void {
    const { west, east, south, north } = this.bounds;
    const storm = this.storm(nowMs, this.prng.between(west, east), this.prng.between(south, north), {
      radiusKm: this.prng.between(...kind.radiusKm),
      peakMmPerHour: this.prng.between(...kind.peakMmPerHour),
      hours: this.prng.between(...kind.hours),
      speedKmPerHour: this.prng.between(...kind.speedKmPerHour),
    });
    // Start upwind, so that the cell is over the drawn point at mid-life and crosses the region.
    const halfLife = (storm.endMs - storm.startMs) / 2;
    this.add({ ...storm, lon: storm.lon - storm.vLon * halfLife, lat: storm.lat - storm.vLat * halfLife });
  }

  /** A slow, strong storm over `lon`/`lat` from now on: peak 60–100 mm/h after 1.5–2 h. */
  spawnBigStorm(nowMs: number, lon: number, lat: number): void {
    this.add(
      this.storm(nowMs, lon, lat, {
        radiusKm: this.prng.between(20, 30),
        peakMmPerHour: this.prng.between(60, 100),
        hours: this.prng.between(3, 4),
        speedKmPerHour: this.prng.between(3, 8),
      }),
    );
  }

  /** Moves the field to `nowMs`: spawns natural storms for the time passed, drops dead ones. */
  advance(nowMs: number): void {
    const hours = this.lastMs === null ? 0 : (nowMs - this.lastMs) / HOUR_MS;
    this.lastMs = nowMs;
    const flood = isFloodSeason(nowMs);
    for (const kind of [CONVECTIVE, STRATIFORM]) {
      const [floodRate, dryRate] = kind.perDayPer1e4Km2;
      const expected = (this.rate * (flood ? floodRate : dryRate) * (this.areaKm2 / 1e4) * hours) / 24;
      if (this.prng.chance(expected)) this.spawn(kind, nowMs);
    }
    this.storms = this.storms.filter((s) => s.endMs > nowMs);
    this.active = this.storms
      .filter((s) => s.startMs <= nowMs)
      .map((s) => {
        const age = nowMs - s.startMs;
        return {
          lon: s.lon + s.vLon * age,
          lat: s.lat + s.vLat * age,
          intensity: s.peakMmPerHour * Math.sin((Math.PI * age) / (s.endMs - s.startMs)),
          inv2r2: 1 / (2 * s.radiusKm ** 2),
          cutoff2: (CUTOFF_RADII * s.radiusKm) ** 2,
        };
      });
  }

  /** Rain rate (mm/h) at a point at the time of the last {@link advance}. */
  rainRate(lon: number, lat: number): number {
    let rate = 0;
    for (const cell of this.active) {
      const dx = (lon - cell.lon) * this.kmPerDegLon;
      const dy = (lat - cell.lat) * KM_PER_DEG_LAT;
      const d2 = dx * dx + dy * dy;
      if (d2 < cell.cutoff2) rate += cell.intensity * Math.exp(-d2 * cell.inv2r2);
    }
    return rate;
  }

  private storm(
    nowMs: number,
    lon: number,
    lat: number,
    shape: { radiusKm: number; peakMmPerHour: number; hours: number; speedKmPerHour: number },
  ): Storm {
    // Weather in Hunan mostly travels from the south-west: headings between east and north.
    const heading = this.prng.between(0, Math.PI / 2);
    return {
      startMs: nowMs,
      endMs: nowMs + shape.hours * HOUR_MS,
      lon,
      lat,
      vLon: (shape.speedKmPerHour * Math.cos(heading)) / this.kmPerDegLon / HOUR_MS,
      vLat: (shape.speedKmPerHour * Math.sin(heading)) / KM_PER_DEG_LAT / HOUR_MS,
      radiusKm: shape.radiusKm,
      peakMmPerHour: shape.peakMmPerHour,
    };
  }
}
