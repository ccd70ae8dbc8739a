import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PreparedBody } from './prepared-body.js';

describe('a prepared body', () => {
  const value = { codes: Array.from({ length: 2000 }, (_, i) => `431102-${String(i).padStart(4, '0')}`) };
  let url: string;
  let close: () => void;

  beforeAll(async () => {
    const body = new PreparedBody(value);
    const app = express().get('/', (req, res) => void body.send(req, res));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    close = () => server.close();
  });
  afterAll(() => close());

  it('answers each encoding the client accepts with the same JSON, and 304 to its ETag', async () => {
    const etags = new Set<string | null>();
    for (const encoding of ['br', 'gzip', 'identity']) {
      const res = await fetch(url, { headers: { 'accept-encoding': encoding } });
      expect(res.headers.get('content-encoding')).toBe(encoding === 'identity' ? null : encoding);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await res.json()).toEqual(value);
      etags.add(res.headers.get('etag'));
    }
    expect(etags.size).toBe(1);
    const again = await fetch(url, { headers: { 'if-none-match': [...etags][0]!, 'cache-control': 'max-age=0' } });
    expect(again.status).toBe(304);
  });
});
