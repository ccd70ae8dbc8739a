import type { Socket } from 'node:net';
import type { Client } from 'aedes';

/** Aedes 1.2.0's packet parser, which its types leave out: reading a connection on is parsing what its socket holds. */
interface ParsingClient {
  _parser: { parse(chunk: Buffer): void };
}

/** The most messages a connection may have held while it is read on; beyond, its next packets wait, as in Aedes. */
export const READ_AHEAD_LIMIT = 1_000;

/**
 * One connection's PUBLISH packets held by the publish hook.
 *
 * Aedes reads a connection's next packets only once every packet of its last read is handled, and a held packet is
 * handled only when released: a station with one message in a commit would send nothing more until that commit. So
 * while the hook allows it, the connection is read on, up to `limit` held messages. Releases reach Aedes in the order
 * the messages came, whatever order the hook releases them in: PUBACKs keep their order (MQTT 3.1.1, 4.6).
 */
export class HeldPublishes {
  private readonly held: { released: boolean; done: () => void }[] = [];
  private readingOn = false;
  private scheduled = false;

  constructor(
    private readonly client: Client,
    private readonly socket: Socket,
    private readonly limit = READ_AHEAD_LIMIT,
  ) {
    // Data arriving while Aedes waits on held packets: Aedes' own listener does not read then, this one may.
    socket.on('readable', () => this.read());
  }

  /** Holds a packet until the returned release; `done` hands it back to Aedes (which then acknowledges it). */
  hold(done: () => void): () => void {
    const entry = { released: false, done };
    this.held.push(entry);
    return () => {
      if (entry.released) return;
      entry.released = true;
      while (this.held[0]?.released) this.held.shift()!.done();
    };
  }

  /** Whether the connection may be read on while packets are held: the hook's answer for its latest packet. */
  readOn(allowed: boolean): void {
    this.readingOn = allowed;
    if (!allowed || this.scheduled) return;
    this.scheduled = true;
    // Not from inside the parse that is handing out the packet.
    setImmediate(() => {
      this.scheduled = false;
      this.read();
    });
  }

  private read(): void {
    if (!this.readingOn || !this.held.length || this.held.length >= this.limit || this.client.closed) return;
    const chunk = this.socket.read() as Buffer | null;
    if (chunk) (this.client as unknown as ParsingClient)._parser.parse(chunk);
  }
}
