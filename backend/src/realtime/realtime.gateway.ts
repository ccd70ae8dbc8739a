import { Inject, Logger, type OnModuleDestroy } from '@nestjs/common';
import { WebSocketGateway, WebSocketServer, type OnGatewayConnection, type OnGatewayInit } from '@nestjs/websockets';
import type { AlertAction, AlertRecord, ValidReading } from '@yz/ingest';
import type { Server, Socket } from 'socket.io';
import { AlertsService } from '../alerts/alerts.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import { TokenService } from '../auth/token.service.js';
import { RUNTIME, type Runtime } from '../config/runtime.js';
import { ReservoirsRepository } from '../reservoirs/reservoirs.repository.js';

/** Latest values are pushed at most this often: a storm's burst of reports becomes one message a second. */
const READING_THROTTLE_MS = 1000;
const CITY_ROOM = 'city';
const areaRoom = (code: string) => `area:${code}`;

interface ReadingUpdate {
  reservoirCode: string;
  time: string;
  [type: string]: number | string;
}

/**
 * Socket.IO on the HTTP port, authenticated with the API token. Users with an area scope join only their area's
 * room, so they never receive another area's alerts or readings; everyone else joins the city room.
 */
@WebSocketGateway({ cors: { origin: true } })
export class RealtimeGateway implements OnGatewayInit, OnGatewayConnection, OnModuleDestroy {
  @WebSocketServer() private server!: Server;
  private readonly logger = new Logger('realtime');
  private countyOf = new Map<string, string>();
  private pending = new Map<string, ReadingUpdate>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly tokens: TokenService,
    private readonly alerts: AlertsService,
    private readonly reservoirs: ReservoirsRepository,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  async afterInit(server: Server): Promise<void> {
    server.use((socket, next) => {
      const token = (socket.handshake.auth as { token?: unknown }).token;
      void this.tokens.verify(typeof token === 'string' ? token : undefined).then((user) => {
        if (!user) return next(new Error('unauthorized'));
        socket.data.user = user;
        next();
      });
    });
    this.countyOf = new Map((await this.reservoirs.list(null)).map((r) => [r.code, r.county]));
    this.alerts.on('alert', (change) => this.pushAlert(change));
    this.runtime.ingest?.alerts.on('alert', (change) => this.pushAlert(change));
    this.runtime.ingest?.pipeline.on('stored', (readings) => this.collect(readings));
    this.timer = setInterval(() => this.flushReadings(), READING_THROTTLE_MS);
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** A (re)connecting client is sent the open alerts it may see. */
  async handleConnection(socket: Socket): Promise<void> {
    const user = socket.data.user as AuthUser;
    await socket.join(user.areaCode ? areaRoom(user.areaCode) : CITY_ROOM);
    for (const state of ['open', 'acknowledged'] as const) {
      for (const alert of await this.alerts.list(user, { state }))
        socket.emit('alert', { ...alert, event: 'snapshot' });
    }
  }

  private pushAlert({ action, alert }: { action: AlertAction; alert: AlertRecord }): void {
    this.logger.debug(`alert ${alert.id} ${action} ${alert.reservoirCode} ${alert.ruleKey} ${alert.severity}`);
    this.server.to([CITY_ROOM, areaRoom(alert.county)]).emit('alert', { ...alert, event: action });
  }

  private collect(readings: ValidReading[]): void {
    for (const r of readings) {
      const code = r.reservoirCode;
      const update = this.pending.get(code) ?? { reservoirCode: code, time: r.time.toISOString() };
      if (r.time.toISOString() >= update.time) update.time = r.time.toISOString();
      update[r.type] = r.value;
      this.pending.set(code, update);
    }
  }

  private flushReadings(): void {
    for (const update of this.pending.values()) {
      const county = this.countyOf.get(update.reservoirCode);
      if (county) this.server.to([CITY_ROOM, areaRoom(county)]).emit('reading', update);
    }
    this.pending.clear();
  }
}
