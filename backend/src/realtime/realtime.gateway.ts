import { Logger, type OnModuleDestroy } from '@nestjs/common';
import { WebSocketGateway, WebSocketServer, type OnGatewayConnection, type OnGatewayInit } from '@nestjs/websockets';
import type { AlertChange } from '@yz/domain';
import { eventLoopSlices } from '@yz/platform';
import type { Server, Socket } from 'socket.io';
import { AlertsService } from '../alerts/alerts.service.js';
import { ProgrammeEvents } from '../programme/programme.events.js';
import type { AuthUser } from '../common/auth-user.js';
import { AreaScope } from '../common/scope.js';
import { TokenService } from '../auth/token.service.js';
import { ReservoirsRepository } from '../reservoirs/reservoirs.repository.js';

const CITY_ROOM = 'city';
/** How often connected clients' tokens are checked again (revoked or expired: the client is dropped). */
const RECHECK_MS = 30_000;
const areaRoom = (code: string) => `area:${code}`;
const reservoirRoom = (code: string) => `reservoir:${code}`;

/** Latest values of one reservoir: `time` plus one number per sensor type that reported. */
export interface ReadingUpdate {
  reservoirCode: string;
  time: string;
  [type: string]: number | string;
}

/**
 * Socket.IO on the HTTP port, authenticated with the API token. Users with an area scope join only their area's
 * room, so they never receive another area's alerts or readings; everyone else joins the city room. A client that
 * names one reservoir in its handshake (`auth.reservoir`, e.g. a patrol officer's phone) joins only that
 * reservoir's room, within its scope.
 * `local` sends to this replica's clients only: events that every replica receives by itself (database
 * notifications) must not be fanned out again through the Redis adapter.
 */
@WebSocketGateway({ cors: { origin: true } })
export class RealtimeGateway implements OnGatewayInit, OnGatewayConnection, OnModuleDestroy {
  @WebSocketServer() private server!: Server;
  private readonly logger = new Logger('realtime');
  private countyOf = new Map<string, string>();

  constructor(
    private readonly tokens: TokenService,
    private readonly alerts: AlertsService,
    private readonly reservoirs: ReservoirsRepository,
    private readonly programme: ProgrammeEvents,
  ) {}

  private stopProgramme: (() => void) | undefined;
  private recheck: NodeJS.Timeout | undefined;

  async afterInit(server: Server): Promise<void> {
    server.use((socket, next) => {
      // The handshake is client input: anything but a string token and an optional reservoir code is refused here.
      const handshake = readHandshake(socket.handshake.auth);
      if (!handshake) return next(new Error('bad handshake'));
      this.tokens
        .verify(handshake.token)
        .then((user) => {
          if (!user) return next(new Error('unauthorized'));
          socket.data.user = user;
          socket.data.reservoir = handshake.reservoir;
          next();
        })
        .catch((err: unknown) => next(err instanceof Error ? err : new Error('unauthorized')));
    });
    this.countyOf = new Map((await this.reservoirs.list(AreaScope.CITY)).map((r) => [r.code, r.county]));
    this.recheck = setInterval(() => void this.dropRevoked(), RECHECK_MS);
    this.alerts.on('alert', (change) => this.pushAlert(change, false));
    // Progress is changed through this API, so this replica broadcasts it (to all replicas, via the adapter).
    this.stopProgramme = this.programme.on('project', ({ kind, project }) =>
      this.server.to([CITY_ROOM, areaRoom(project.county)]).emit('project', { ...project, event: kind }),
    );
  }

  onModuleDestroy(): void {
    clearInterval(this.recheck);
    this.alerts.removeAllListeners('alert');
    this.stopProgramme?.();
  }

  /** A (re)connecting client is sent the active alerts it may see. A failure drops that client, never the process. */
  async handleConnection(socket: Socket): Promise<void> {
    try {
      await this.welcome(socket);
    } catch (err) {
      this.logger.error(`socket ${socket.id}: ${err instanceof Error ? err.message : String(err)}`);
      socket.disconnect(true);
    }
  }

  private async welcome(socket: Socket): Promise<void> {
    const user = socket.data.user as AuthUser;
    const reservoir = socket.data.reservoir as string | undefined;
    const scope = AreaScope.of(user);
    if (reservoir !== undefined) {
      const county = this.countyOf.get(reservoir);
      if (!county || !scope.includes(county)) {
        socket.emit('error', { message: `No reservoir ${reservoir}` });
        socket.disconnect(true);
        return;
      }
      await socket.join(reservoirRoom(reservoir));
    } else {
      await socket.join(scope.userArea ? areaRoom(scope.userArea) : CITY_ROOM);
    }
    for (const state of ['open', 'acknowledged'] as const) {
      for (const alert of await this.alerts.list(scope, { state, reservoir })) {
        socket.emit('alert', { ...alert, event: 'snapshot' });
      }
    }
  }

  /**
   * A socket keeps the token of its handshake: once that is revoked (logout, password change, deleted user) or
   * expired, the client is dropped, and the dashboard reconnects with its current token.
   */
  private async dropRevoked(): Promise<void> {
    for (const socket of this.server.sockets.sockets.values()) {
      const token = (socket.handshake.auth as { token: string }).token;
      let user;
      try {
        user = await this.tokens.verify(token);
      } catch (err) {
        // The sessions could not be read (database down): keep the sockets, the next sweep checks again.
        this.logger.warn(`revoked-token sweep skipped: ${err instanceof Error ? err.message : String(err)}`);
        return;
      }
      if (!user) socket.disconnect(true);
    }
  }

  pushAlert({ action, alert }: AlertChange, local: boolean): void {
    this.logger.debug(`alert ${alert.id} ${action} ${alert.reservoirCode} ${alert.ruleKey} ${alert.severity}`);
    this.target(local)
      .to([CITY_ROOM, areaRoom(alert.county), reservoirRoom(alert.reservoirCode)])
      .emit('alert', { ...alert, event: action });
  }

  /** Whether any dashboard is connected to this replica. */
  hasLocalClients(): boolean {
    return this.server.sockets.sockets.size > 0;
  }

  /** An event per reservoir (a province's burst is 14,000), in slices that let an alarm reading in between. */
  async pushReadings(updates: Iterable<ReadingUpdate>, local: boolean): Promise<void> {
    const pause = eventLoopSlices();
    for (const update of updates) {
      await pause();
      const county = this.countyOf.get(update.reservoirCode);
      if (!county) continue;
      this.target(local)
        .to([CITY_ROOM, areaRoom(county), reservoirRoom(update.reservoirCode)])
        .emit('reading', update);
    }
  }

  private target(local: boolean) {
    return local ? this.server.local : this.server;
  }
}

/** Reservoir codes are short letters, digits, `-` and `_`; anything else cannot name one. */
const RESERVOIR_CODE = /^[A-Za-z0-9_-]{1,32}$/;

/** The handshake's `auth` as the gateway uses it, or null when it is not a plain `{ token, reservoir? }`. */
export function readHandshake(auth: unknown): { token: string; reservoir: string | undefined } | null {
  if (typeof auth !== 'object' || auth === null) return null;
  const { token, reservoir } = auth as Record<string, unknown>;
  if (typeof token !== 'string' || token.length > 4096) return null;
  if (reservoir !== undefined && (typeof reservoir !== 'string' || !RESERVOIR_CODE.test(reservoir))) return null;
  return { token, reservoir };
}
