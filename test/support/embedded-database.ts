import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type OpenDatabase } from '@yz/platform';

/** A suite's own embedded database in a temporary directory, which closing the database removes. */
export async function temporaryDatabase(name: string): Promise<OpenDatabase> {
  const dir = mkdtempSync(join(tmpdir(), `${name}-`));
  const open = await openDatabase({ databaseUrl: undefined, dataDir: dir }, { log() {}, warn() {} });
  return {
    ...open,
    async close() {
      await open.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
