import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { AuthUser } from '../common/auth-user.js';
import { InjectDb, type Sql } from '../common/sql.js';
import { RUNTIME, type Runtime } from '../config/runtime.js';
import type { DrillStatusDto, StormDto } from './dto/storm.dto.js';

/** Speed of a drill asked for without one: a storm night (6 simulated hours) in 3 minutes. */
const DEFAULT_DRILL_SPEED = 120;

@Injectable()
export class SimulationService {
  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    @InjectDb() private readonly db: Sql,
  ) {}

  /**
   * A drill is recorded before it starts, so every alert its storm raises (in any ingest process) finds it and is
   * marked as a drill. A storm without speed or drill runs in real time and is not a drill.
   */
  async storm(user: AuthUser, body: StormDto): Promise<DrillStatusDto> {
    const simulator = this.runtime.simulator;
    if (!simulator) throw new NotFoundException('No simulated stations run in this process (SIMULATE=0)');
    const centre = body.lon !== undefined && body.lat !== undefined ? { lon: body.lon, lat: body.lat } : undefined;
    if (body.speed === undefined && !body.drill) {
      simulator.bigStormNow(centre);
      return this.status();
    }
    const drill = simulator.startDrill(body.speed ?? DEFAULT_DRILL_SPEED, Date.now(), centre);
    await this.db
      .insertInto('storm_drills')
      .values({
        speed: drill.speed,
        started_at: new Date(drill.startMs),
        ends_at: new Date(drill.endMs),
        started_by: user.username,
      })
      .execute();
    return this.status();
  }

  async status(): Promise<DrillStatusDto> {
    const last = await this.db
      .selectFrom('storm_drills')
      .select(['speed', 'started_at', 'ends_at', 'started_by'])
      .orderBy('id', 'desc')
      .executeTakeFirst();
    if (!last) return { active: false, drill: true, speed: 0, startedAt: null, endsAt: null, startedBy: null };
    const now = Date.now();
    return {
      active: last.started_at.getTime() <= now && now < last.ends_at.getTime(),
      drill: true,
      speed: last.speed,
      startedAt: last.started_at.toISOString(),
      endsAt: last.ends_at.toISOString(),
      startedBy: last.started_by,
    };
  }
}
