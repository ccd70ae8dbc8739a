// `npx sl651 decode <HEX>` is part of the contract (DESIGN §4): the command must exist after `npm ci` on a fresh clone.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/system.js';

const WORKED_EXAMPLE =
  '7E7E010010100001A00032002B02000C200724172349F1F1001010000148F0F020072417232019000130221900004039230000055038121268038397';

describe('the sl651 command', () => {
  it('is a file in the repository, so npm ci links it before anything is built', () => {
    const { bin } = JSON.parse(readFileSync(join(ROOT, 'ingest/package.json'), 'utf8')) as { bin: { sl651: string } };
    const tracked = execFileSync('git', ['ls-files', '--error-unmatch', bin.sl651], { cwd: join(ROOT, 'ingest') });
    expect(tracked.toString().trim()).toBe(bin.sl651.replace(/^\.\//, ''));
  });

  it('decodes the worked example through the npm bin link', () => {
    const out = execFileSync(join(ROOT, 'node_modules/.bin/sl651'), ['decode', WORKED_EXAMPLE], { cwd: ROOT });
    expect(JSON.parse(out.toString())).toMatchObject({ functionCode: '32', serial: 12, crcOk: true });
  });
});
