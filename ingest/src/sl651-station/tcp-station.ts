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
  /** A connection silent this long is closed; RTUs reconnect for their next report. */
  idleTimeoutMs?: number;
  maxConnections?: number;
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

/**
 * The SL 651 central station: RTUs (through their GPRS/4G DTUs) connect over TCP and send reports; each decoded
 * report is fed to the telemetry sink and confirmed (M2, end EOT) once its readings are committed. Every connection
 * has its own splitter and reassembler, so a misbehaving one never affects the others.
 */
export async function startSl651Station(opts: Sl651StationOptions): Promise<Sl651Station> {
  const idleTimeoutMs = opts.idleTimeoutMs ?? 120_000;
  const maxBadBytes = opts.maxBadBytes ?? DEFAULT_MAX_BAD_BYTES;
  const sockets = new Set<Socket>();
  const targets = { ...opts, rainState: opts.rainState ?? new MemoryRainStateStore() };

  const server = createServer((socket) => {
    sockets.add(socket);
    const remote = `${socket.remoteAddress}:${socket.remotePort}`;
    const splitter = new FrameSplitter();
    const reassembler = new Reassembler(4);
    let badSinceGoodFrame = 0;
    socket.setTimeout(idleTimeoutMs, () => socket.destroy());
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      const discardedBefore = splitter.discardedBytes;
      const frames = splitter.push(chunk);
      if (frames.length) badSinceGoodFrame = 0;
      badSinceGoodFrame += splitter.discardedBytes - discardedBefore;
      for (const frame of frames) {
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
    socket.on('close', () => sockets.delete(socket));
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
