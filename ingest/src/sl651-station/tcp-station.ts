import { createServer, type Socket } from 'node:net';
import { encodeAck, FrameSplitter, Reassembler } from '../sl651/index.js';
import { feedFrame, type Sinks } from './feed.js';
import { MemoryRainStateStore, type RainStateStore } from './rain-state.js';

export interface Sl651StationOptions extends Sinks {
  /** Rain state per station; default in memory. Share one with the MQTT bridge (a station may use both). */
  rainState?: RainStateStore;
  /** 0 picks a free port (tests). */
  port: number;
  host?: string;
  /**
   * A connection that delivers no whole frame for this long is closed, however many bytes trickle in (a byte every
   * few seconds would otherwise hold it forever); RTUs reconnect for their next report.
   */
  idleTimeoutMs?: number;
  maxConnections?: number;
  /** Connections from one address at most: one host cannot take every slot from the real RTUs. */
  maxPerAddress?: number;
  /** Bytes that are not part of a valid frame allowed since the last good frame before the connection is closed. */
  maxBadBytes?: number;
  logger?: { log(message: string): void; warn(message: string): void };
}

export interface Sl651Station {
  port: number;
  /** Open connections now. */
  readonly connections: number;
  close(): Promise<void>;
}

/** A DTU may add its own registration or heartbeat bytes; a flood is cut off well before it costs anything. */
const DEFAULT_MAX_BAD_BYTES = 16 * 1024;
/** Many RTUs may share a carrier's NAT address, but not thousands. */
const DEFAULT_MAX_PER_ADDRESS = 200;
/** Multi-packet messages being reassembled per connection, and the bytes of each: at most 512 KB held. */
const PENDING_MESSAGES = 2;
const FRAME_START = Buffer.from([0x7e, 0x7e]);
const MAX_MESSAGE_BYTES = 256 * 1024;

/**
 * The SL 651 central station: RTUs (through their GPRS/4G DTUs) connect over TCP and send reports; each decoded
 * report is fed to the telemetry sink and confirmed (M2, end EOT) once its readings are committed. Every connection
 * has its own splitter and reassembler, so a misbehaving one never affects the others.
 */
export async function startSl651Station(opts: Sl651StationOptions): Promise<Sl651Station> {
  const idleTimeoutMs = opts.idleTimeoutMs ?? 120_000;
  const maxBadBytes = opts.maxBadBytes ?? DEFAULT_MAX_BAD_BYTES;
  const maxPerAddress = opts.maxPerAddress ?? DEFAULT_MAX_PER_ADDRESS;
  const sockets = new Set<Socket>();
  const perAddress = new Map<string, number>();
  const targets = { ...opts, rainState: opts.rainState ?? new MemoryRainStateStore() };

  const server = createServer((socket) => {
    const address = socket.remoteAddress ?? '';
    const open = perAddress.get(address) ?? 0;
    if (open >= maxPerAddress) {
      socket.destroy();
      return;
    }
    perAddress.set(address, open + 1);
    sockets.add(socket);
    const remote = `${address}:${socket.remotePort}`;
    const splitter = new FrameSplitter();
    let reassembler: Reassembler | undefined = new Reassembler(PENDING_MESSAGES, MAX_MESSAGE_BYTES);
    let badSinceGoodFrame = 0;
    // Not socket.setTimeout: every byte would restart it. Only a whole frame earns more time.
    let deadline = setTimeout(() => socket.destroy(), idleTimeoutMs);
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      const discardedBefore = splitter.discardedBytes;
      const frames = splitter.push(chunk);
      if (frames.length) {
        badSinceGoodFrame = 0;
        clearTimeout(deadline);
        deadline = setTimeout(() => socket.destroy(), idleTimeoutMs);
      }
      const discarded = splitter.discardedBytes - discardedBefore;
      // The first broken frame after a good one (bad CRC, length or end) is logged once, with what arrived; a DTU's
      // own heartbeat bytes have no frame start and are not.
      if (discarded > 0 && badSinceGoodFrame === 0 && chunk.includes(FRAME_START)) {
        const detail = `${remote}: ${discarded} bytes that are not a valid SL 651 frame (bad CRC, length or end)`;
        opts.rejects.reject('sl651/tcp', 'bad_frame', detail, chunk.subarray(0, 256).toString('hex').toUpperCase());
      }
      badSinceGoodFrame += discarded;
      for (const frame of frames) {
        if (!reassembler) break;
        feedFrame(frame, reassembler, targets, (message) => {
          if (!socket.destroyed) socket.write(encodeAck(message));
        });
      }
      if (badSinceGoodFrame > maxBadBytes) {
        const detail = `${remote}: ${badSinceGoodFrame} bytes that are not SL 651 frames; connection closed`;
        opts.rejects.reject('sl651/tcp', 'garbage_stream', detail, chunk.subarray(0, 64).toString('hex').toUpperCase());
        opts.logger?.warn(`SL 651 ${detail}`);
        socket.destroy();
      }
    });
    socket.on('error', () => socket.destroy()); // resets are normal for GPRS links; 'close' cleans up
    socket.on('close', () => {
      sockets.delete(socket);
      clearTimeout(deadline);
      reassembler = undefined; // its unfinished messages go with the connection
      const left = (perAddress.get(address) ?? 1) - 1;
      if (left > 0) perAddress.set(address, left);
      else perAddress.delete(address);
    });
  });
  server.maxConnections = opts.maxConnections ?? 5000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'EADDRINUSE' ? new Error(`SL 651 port ${opts.port} is already in use: set SL651_PORT`) : err),
    );
    server.listen(opts.port, opts.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  opts.logger?.log(`SL 651 central station listening on TCP port ${port}`);

  return {
    port,
    get connections() {
      return sockets.size;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  };
}
