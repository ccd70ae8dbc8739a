import { setLogLevel } from '@yz/platform';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NestLogger } from './nest-logger.js';

function capture(): { lines: string[]; restore: () => void } {
  const lines: string[] = [];
  const take = (chunk: string | Uint8Array) => (lines.push(String(chunk).trimEnd()), true);
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(take);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(take);
  return { lines, restore: () => (out.mockRestore(), err.mockRestore()) };
}

describe('Nest logger', () => {
  afterEach(() => setLogLevel('log'));

  it('prints in the one-line format with the context, and keeps route mapping chatter for debug', () => {
    setLogLevel('log');
    const { lines, restore } = capture();
    const logger = new NestLogger();
    logger.log('Mapped {/api/health, GET} route', 'RouterExplorer');
    logger.log('overview snapshot read', 'overview');
    restore();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\S+Z LOG {3}\[overview\] overview snapshot read$/);
  });

  it('keeps the stack of an unexpected error and honours LOG_LEVEL', () => {
    setLogLevel('error');
    const { lines, restore } = capture();
    const logger = new NestLogger();
    logger.warn('slow query', 'reservoirs');
    logger.error('boom', 'Error: boom\n    at handler (x.ts:1:1)', 'ExceptionsHandler');
    restore();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('ERROR [ExceptionsHandler] boom\nError: boom');
  });
});
