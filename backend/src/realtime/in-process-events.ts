import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { RUNTIME, type Runtime } from '../config/runtime.js';
import { RealtimeGateway, type ReadingUpdate } from './realtime.gateway.js';

/** Latest values are pushed at most this often: a storm's burst of reports becomes one message a second. */
const READING_THROTTLE_MS = 1000;

/** All-in-one: ingest runs in this process, so its alert and reading events go straight to the gateway. */
@Injectable()
export class InProcessEvents implements OnApplicationBootstrap, OnModuleDestroy {
  private pending = new Map<string, ReadingUpdate>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    private readonly gateway: RealtimeGateway,
  ) {}

  onApplicationBootstrap(): void {
    const ingest = this.runtime.ingest;
    if (!ingest) return;
    ingest.onAlert((change) => this.gateway.pushAlert(change, false));
    ingest.onStored((readings) => {
      for (const r of readings) {
        const time = r.time.toISOString();
        const update = this.pending.get(r.reservoirCode) ?? { reservoirCode: r.reservoirCode, time };
        if (time > update.time) update.time = time;
        update[r.type] = r.value;
        this.pending.set(r.reservoirCode, update);
      }
    });
    this.timer = setInterval(() => {
      this.gateway.pushReadings(this.pending.values(), false);
      this.pending.clear();
    }, READING_THROTTLE_MS);
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }
}
