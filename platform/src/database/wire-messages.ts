const SSL_REQUEST_CODE = 80877103;
const TERMINATE = 0x58; // 'X'
/**
 * The message types a client may send once started (PostgreSQL's frontend messages). PGlite traps on any other
 * (a WASM `unreachable`, which ends the worker and so the process).
 */
const FRONTEND_TYPES = new Set([...'BCcdDEfFHPpQSX'].map((t) => t.charCodeAt(0)));

/**
 * Splits one connection's bytes into Postgres protocol messages. A message's chunks are joined once, when it is
 * whole: joining at every read cost a 96 MB message 51 s, with every other connection waiting.
 */
export class MessageReader {
  private chunks: Buffer[] = [];
  private buffered = 0;
  /** Bytes the next message needs before it is worth looking again. */
  private needed = 0;
  /** A startup message has come (an SSL request is not one): every later message starts with its type. */
  private started = false;
  /** A Terminate came, or bytes that are no client message: end the connection once what came before is served. */
  ended = false;

  /** The messages `chunk` completes. */
  read(chunk: Buffer): Buffer[] {
    if (this.ended) return [];
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    if (this.buffered < this.needed) return [];
    const buf = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.buffered);
    const messages: Buffer[] = [];
    let offset = 0;
    for (;;) {
      const header = this.started ? 5 : 4;
      if (buf.length - offset < header) {
        this.needed = header;
        break;
      }
      const length = buf.readInt32BE(offset + header - 4) + (this.started ? 1 : 0);
      if (length < header || (this.started && !FRONTEND_TYPES.has(buf[offset]))) return this.end(messages);
      if (buf.length - offset < length) {
        this.needed = length;
        break;
      }
      const message = buf.subarray(offset, offset + length);
      offset += length;
      if (this.started && message[0] === TERMINATE) return this.end(messages);
      messages.push(message);
      this.started ||= !isSslRequest(message);
    }
    const rest = buf.subarray(offset);
    this.chunks = rest.length ? [rest] : [];
    this.buffered = rest.length;
    return messages;
  }

  private end(messages: Buffer[]): Buffer[] {
    this.ended = true;
    this.chunks = [];
    return messages;
  }
}

export function isSslRequest(message: Buffer): boolean {
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

/** A protocol 3.0 startup message: the first a client sends, with no type byte. */
export function startupMessage(user: string, database: string): Buffer {
  const params = Buffer.from(`user\0${user}\0database\0${database}\0\0`);
  const message = Buffer.alloc(8 + params.length);
  message.writeInt32BE(message.length, 0);
  message.writeInt32BE(196608, 4);
  params.copy(message, 8);
  return message;
}
