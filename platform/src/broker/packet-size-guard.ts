/**
 * Reads MQTT fixed headers as bytes go by and says when a packet declares more than `max` bytes: the connection
 * can be closed on the header, before the broker buffers a 200 MB message to parse it.
 */
export class PacketSizeGuard {
  /** Bytes of the current packet's body still to pass. */
  private skip = 0;
  /** The fixed header read so far: the type byte and up to four bytes of remaining length. */
  private header: number[] = [];

  constructor(private readonly max: number) {}

  /** false: a packet is too large (or its length is malformed). */
  accept(chunk: Buffer): boolean {
    let i = 0;
    while (i < chunk.length) {
      if (this.skip > 0) {
        const n = Math.min(this.skip, chunk.length - i);
        this.skip -= n;
        i += n;
        continue;
      }
      const byte = chunk[i++];
      this.header.push(byte);
      if (this.header.length === 1) continue;
      if (byte & 0x80) {
        if (this.header.length === 5) return false;
        continue;
      }
      let length = 0;
      for (let k = this.header.length - 1; k >= 1; k--) length = length * 128 + (this.header[k] & 0x7f);
      this.header = [];
      if (length > this.max) return false;
      this.skip = length;
    }
    return true;
  }
}
