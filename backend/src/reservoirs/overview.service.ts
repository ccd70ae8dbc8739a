import { Injectable, Logger } from '@nestjs/common';
import { groupBy, isFloodSeason, type Severity } from '@yz/domain';
import { PreparedBody } from '../common/prepared-body.js';
import type { AreaScope } from '../common/scope.js';
import type { OverviewDto, OverviewQueryDto, PointsDto } from './dto/overview.dto.js';
import { OverviewRepository, type OverviewLatestRow } from './overview.repository.js';
import {
  filterItems,
  sortItems,
  summarise,
  wettest,
  worstSeverity,
  type AreaSummary,
  type OverviewItem,
} from './overview-view.js';
import { limitLevel, stateOf } from './reservoir-state.js';
import { rainValues } from './reservoirs.service.js';

/**
 * How old the figures may be. Reading the whole registry's latest values, rain and alerts takes tens to hundreds of
 * milliseconds at a province's 14,000 reservoirs: once per interval, not once per request. The live panels get
 * every reading over Socket.IO in between.
 */
const MAX_AGE_MS = 3000;
const STATE_CODE = { normal: 0, above_flood_limit: 1, offline: 2 } as const;

interface Snapshot {
  /** When these figures were read; kept while later reads find the same (so ETags stay valid). */
  at: Date;
  /** When the database was last read for them. */
  checkedAt: number;
  /** The items as JSON, to tell a changed read from an unchanged one. */
  fingerprint: string;
  items: OverviewItem[];
  longitude: number[];
  latitude: number[];
  areaNames: Map<string, string>;
  /** Every area's sums, computed once per snapshot (scope is applied per request). */
  areas: AreaSummary[];
}

/**
 * The overview's first screen at any registry size: one page of compact rows filtered and sorted on the server,
 * every area's counts and rain, and the map's points as flat arrays. All come from one snapshot of the whole
 * registry, read at most every few seconds (a stale one is served while the next is read).
 */
@Injectable()
export class OverviewService {
  private readonly logger = new Logger('overview');
  private snapshot: Snapshot | undefined;
  private reading: Promise<Snapshot> | undefined;
  /** The points bodies of the current snapshot, by scope. */
  private prepared: { snapshot: Snapshot; bodies: Map<string, PreparedBody> } | undefined;

  constructor(private readonly repo: OverviewRepository) {}

  async overview(scope: AreaScope, q: OverviewQueryDto): Promise<OverviewDto> {
    const snap = await this.current();
    const area = scope.narrow(q.area);
    const inArea = filterItems(snap.items, { inArea: (c) => area.includes(c) });
    const matching = filterItems(inArea, { inArea: () => true, state: q.state, q: q.q });
    const offset = q.offset ?? 0;
    const limit = q.limit ?? 50;
    const page = sortItems(matching, q.sort ?? 'code', q.order ?? 'asc').slice(offset, offset + limit);
    return {
      generatedAt: snap.at.toISOString(),
      floodSeason: isFloodSeason(snap.at),
      total: matching.length,
      offset,
      limit,
      items: page,
      areas: snap.areas.filter((a) => scope.includes(a.code)),
      totals: summarise(q.area ?? '', q.area ? (snap.areaNames.get(q.area) ?? q.area) : '', inArea),
      wettest: { h1: wettest(inArea, 'h1'), h24: wettest(inArea, 'h24') },
    };
  }

  /** The map's points in scope, prepared once per snapshot and scope (see PreparedBody). */
  async points(scope: AreaScope, areaCode: string | undefined): Promise<PreparedBody> {
    const snap = await this.current();
    const area = scope.narrow(areaCode);
    if (this.prepared?.snapshot !== snap) this.prepared = { snapshot: snap, bodies: new Map() };
    let body = this.prepared.bodies.get(area.key);
    if (!body) {
      body = new PreparedBody(pointsOf(snap, area));
      this.prepared.bodies.set(area.key, body);
    }
    return body;
  }

  private async current(): Promise<Snapshot> {
    if (!this.snapshot) return this.read();
    if (Date.now() - this.snapshot.checkedAt > MAX_AGE_MS) {
      this.read().catch((err: Error) => this.logger.warn(`overview not refreshed: ${err.message}`));
    }
    return this.snapshot;
  }

  /** One read at a time; callers arriving meanwhile share it. */
  private read(): Promise<Snapshot> {
    this.reading ??= this.readSnapshot()
      .then((snap) => {
        const old = this.snapshot;
        this.snapshot = old?.fingerprint === snap.fingerprint ? { ...old, checkedAt: snap.checkedAt } : snap;
        return this.snapshot;
      })
      .finally(() => (this.reading = undefined));
    return this.reading;
  }

  private async readSnapshot(): Promise<Snapshot> {
    const at = new Date();
    const [registry, areas, latest, rain, alerts] = await Promise.all([
      this.repo.registry(),
      this.repo.areas(),
      this.repo.latest(),
      this.repo.rain(at),
      this.repo.openAlerts(),
    ]);
    const latestOf = groupBy(latest, (l) => l.reservoirCode);
    const rainOf = new Map(rain.map((r) => [r.reservoirCode, r]));
    const alertsOf = groupBy(alerts, (a) => a.reservoirCode);
    const items = registry.map((r): OverviewItem => {
      const l = latestOf.get(r.code) ?? [];
      const level = l.find((x) => x.type === 'water_level')?.value ?? null;
      const limit = limitLevel(r, at);
      const a = alertsOf.get(r.code) ?? [];
      return {
        code: r.code,
        name: r.name,
        county: r.county,
        scale: r.scale,
        state: stateOf(r, l, at),
        time: newest(l),
        level,
        limit,
        delta: level === null ? null : Math.round((level - limit) * 1000) / 1000,
        rain: rainValues(rainOf.get(r.code)),
        alerts: a.reduce((n, x) => n + x.n, 0),
        severity: worstSeverity(a.map((x) => x.severity as Severity)),
        hoursTo: r.hoursTo,
      };
    });
    const areaNames = new Map(areas.map((a) => [a.code, a.name]));
    return {
      at,
      checkedAt: Date.now(),
      fingerprint: JSON.stringify(items),
      items,
      longitude: registry.map((r) => Math.round(r.longitude * 1000) / 1000),
      latitude: registry.map((r) => Math.round(r.latitude * 1000) / 1000),
      areaNames,
      areas: [...groupBy(items, (i) => i.county)].map(([code, list]) =>
        summarise(code, areaNames.get(code) ?? code, list),
      ),
    };
  }
}

function newest(rows: readonly OverviewLatestRow[]): string | null {
  const times = rows.map((r) => new Date(r.time).getTime());
  return times.length ? new Date(Math.max(...times)).toISOString() : null;
}

function pointsOf(snap: Snapshot, area: AreaScope): PointsDto {
  const out: PointsDto = { generatedAt: snap.at.toISOString(), codes: [], names: [], lon: [], lat: [], states: [] };
  snap.items.forEach((i, n) => {
    if (!area.includes(i.county)) return;
    out.codes.push(i.code);
    out.names.push(i.name);
    out.lon.push(snap.longitude[n]);
    out.lat.push(snap.latitude[n]);
    out.states.push(STATE_CODE[i.state]);
  });
  return out;
}
