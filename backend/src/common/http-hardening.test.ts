import { describe, expect, it } from 'vitest';
import { jsonDepth } from './http-hardening.js';

describe('jsonDepth', () => {
  const depth = (text: string) => jsonDepth(Buffer.from(text));

  it('counts nested objects and arrays, not brackets inside strings', () => {
    expect(depth('1')).toBe(0);
    expect(depth('{"a":[1,{"b":2}]}')).toBe(3);
    expect(depth('{"a":"[[[{{{\\"]]]"}')).toBe(1);
    expect(depth('['.repeat(5000) + ']'.repeat(5000))).toBe(5000);
  });
});
