import { timingSafeEqual } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import { Aedes, type AuthenticateError, type Client } from 'aedes';
import { HeldPublishes } from './held-publishes.js';
import { PacketSizeGuard } from './packet-size-guard.js';

/**
 * Called for every PUBLISH a client sends, before the broker acknowledges or forwards it; the broker waits for
 * `release`. In-process ingest releases a telemetry message once it is committed, so a PUBACK means "stored".
 * Returns whether the client's next packets may be read meanwhile (see `HeldPublishes`); false holds them too.
 */
export type PublishHook = (topic: string, payload: Buffer, release: () => void) => boolean;

export interface EmbeddedBroker {
  url: string;
  /** Sets the one hook every client PUBLISH passes through (see `PublishHook`). */
  setPublishHook(hook: PublishHook | undefined): void;
  close(): Promise<void>;
}

export interface EmbeddedBrokerOptions {
  port: number;
  /** Default loopback: the embedded broker is for this machine unless opened on purpose (MQTT_HOST=0.0.0.0). */
  host?: string;
  /** Largest MQTT packet accepted; a client declaring more is disconnected on the packet's header. */
  maxPacketBytes?: number;
  /** The most held messages a connection is read on with (see `HeldPublishes`). */
  readAheadLimit?: number;
  /** When set, clients must log in with them. */
  username?: string;
  password?: string;
}

/** Telemetry is at most 64 KB (payload validation); the rest is headroom for topic and SL 651 bridge frames. */
export const DEFAULT_MAX_PACKET_BYTES = 128 * 1024;

/** Starts the embedded MQTT 3.1.1 broker (Aedes). A taken port is a one-line error that names the setting. */
export async function startEmbeddedBroker(opts: EmbeddedBrokerOptions): Promise<EmbeddedBroker> {
  let hook: PublishHook | undefined;
  const connections = new WeakMap<Client, HeldPublishes>();
  const aedes = await Aedes.createBroker({
    authenticate: (_client, username, password, done) => {
      const ok = !opts.username || (username === opts.username && same(password, opts.password ?? ''));
      if (ok) return done(null, true);
      const err = new Error('bad user name or password') as AuthenticateError;
      err.returnCode = 4;
      done(err, false);
    },
    authorizePublish: (client, packet, done) => {
      if (packet.topic.startsWith('$SYS')) return done(new Error('$SYS topics are reserved'));
      // Messages the broker publishes itself (client null) are not telemetry.
      const held = client && connections.get(client);
      if (!held || !hook) return done(null);
      const release = held.hold(() => done(null));
      held.readOn(hook(packet.topic, packet.payload as Buffer, release));
    },
  });
  const maxPacketBytes = opts.maxPacketBytes ?? DEFAULT_MAX_PACKET_BYTES;
  const server: Server = createServer((socket) => {
    const limited = limitPackets(socket, maxPacketBytes);
    const client = aedes.handle(limited);
    connections.set(client, new HeldPublishes(client, limited, opts.readAheadLimit));
  });
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      aedes.close();
      reject(
        err.code === 'EADDRINUSE'
          ? new Error(
              `MQTT port ${opts.port} is already in use (another broker?): set MQTT_PORT to a free port, or MQTT_URL to use that broker`,
            )
          : err,
      );
    });
    server.listen(opts.port, host, () => resolve());
  });
  const address = server.address();
  const boundPort = typeof address === 'object' && address ? address.port : opts.port;
  return {
    url: `mqtt://${host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host}:${boundPort}`,
    setPublishHook: (h) => (hook = h),
    close: () =>
      new Promise<void>((resolve) => {
        // Aedes disconnects its clients first, so the server's close is not left waiting on them.
        aedes.close(() => server.close(() => resolve()));
      }),
  };
}

/** Aedes reads each connection with `read()`; every chunk is checked for oversized packets on its way. */
function limitPackets(socket: Socket, max: number): Socket {
  const guard = new PacketSizeGuard(max);
  const read = socket.read.bind(socket);
  socket.read = (size?: number) => {
    const chunk = read(size) as Buffer | null;
    if (chunk && !guard.accept(chunk)) {
      socket.destroy();
      return null;
    }
    return chunk;
  };
  return socket;
}

function same(given: Buffer | undefined, expected: string): boolean {
  const a = given ?? Buffer.alloc(0);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
