import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/processes.js';
import { ROOT, freePort } from '../support/system.js';

/**
 * Issue 12: stopping `npm start` by its pid (as a service manager does) left the server running orphaned, because
 * the start script ran node under a shell instead of `exec`-ing it.
 */
describe('npm start', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'yz-npm-start-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('stops the server when its own pid is stopped', { timeout: 180_000 }, async () => {
    const port = await freePort();
    const env = {
      ...process.env,
      PORT: String(port),
      MQTT_PORT: String(await freePort()),
      SL651_PORT: String(await freePort()),
      DATA_DIR: dataDir,
      SIMULATE: '0',
      LOG_LEVEL: 'warn',
    };
    const npm = spawn('npm', ['start'], { cwd: ROOT, env, stdio: 'ignore' });
    const exited = new Promise((r) => npm.once('exit', r));
    const health = () =>
      fetch(`http://127.0.0.1:${port}/api/health`).then(
        (r) => r.ok,
        () => false,
      );
    try {
      await waitFor('npm start healthy', health, 120_000);
      npm.kill('SIGTERM');
      await exited;
      await waitFor('the server gone', async () => !(await health()), 30_000);
    } finally {
      npm.kill('SIGKILL');
    }
    expect(await health()).toBe(false);
  });
});
