import { describe, expect, it } from 'vitest';
import { MessageReader, protocolMessage, startupMessage } from './wire-messages.js';

const startup = startupMessage('postgres', 'postgres');
const sslRequest = Buffer.from([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f]);
const query = (sql: string) => protocolMessage('Q', `${sql}\0`);

/** Feeds `bytes` to a new reader in chunks of `size`; returns every message read and the reader. */
function readInChunks(bytes: Buffer, size: number) {
  const reader = new MessageReader();
  const messages: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) messages.push(...reader.read(bytes.subarray(at, at + size)));
  return { messages, reader };
}

describe('MessageReader', () => {
  it('returns each message whole, however the bytes are cut', () => {
    const bytes = Buffer.concat([startup, query('SELECT 1'), query('SELECT 22'), protocolMessage('S', '')]);
    for (const size of [1, 3, 7, bytes.length]) {
      const { messages, reader } = readInChunks(bytes, size);
      expect(messages.map((m) => m.toString('hex'))).toEqual(
        [startup, query('SELECT 1'), query('SELECT 22'), protocolMessage('S', '')].map((m) => m.toString('hex')),
      );
      expect(reader.ended).toBe(false);
    }
  });

  it('reads the startup message after an SSL request, in the same read or a later one', () => {
    for (const reads of [[Buffer.concat([sslRequest, startup])], [sslRequest, startup]]) {
      const reader = new MessageReader();
      const messages = [...reads, query('SELECT 1')].flatMap((r) => reader.read(r));
      expect(messages).toEqual([sslRequest, startup, query('SELECT 1')]);
    }
  });

  it('ends at a Terminate, and at bytes that are no client message, keeping what came before', () => {
    for (const bad of [protocolMessage('X', ''), protocolMessage('@', 'junk'), Buffer.from([0x51, 0, 0, 0, 2])]) {
      const reader = new MessageReader();
      expect(reader.read(Buffer.concat([startup, query('SELECT 1'), bad, query('SELECT 2')]))).toEqual([
        startup,
        query('SELECT 1'),
      ]);
      expect(reader.ended).toBe(true);
      expect(reader.read(query('SELECT 3'))).toEqual([]);
    }
  });

  it('joins a large message from many reads into one', () => {
    const big = query(`SELECT '${'x'.repeat(16 * 2 ** 20)}'`);
    const { messages } = readInChunks(Buffer.concat([startup, big]), 64 * 1024);
    expect(messages).toHaveLength(2);
    expect(messages[1].equals(big)).toBe(true);
  });
});
