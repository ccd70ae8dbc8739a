import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { cpuPerReading, cpuSnapshot, processesNamed } from './cpu.js';

describe('CPU accounting of benchmark parts', () => {
  it('charges a busy process its CPU time and an idle one none', async () => {
    // Each child says when it has started (starting costs CPU too); then one spins for 600 ms, the other sleeps.
    const ready = 'process.stdout.write("ready\\n");';
    const spin = spawn(process.execPath, [
      '-e',
      `${ready}const t=Date.now();while(Date.now()-t<600);setInterval(()=>{},1e3)`,
    ]);
    const idle = spawn(process.execPath, ['-e', `${ready}setInterval(()=>{},1e3)`]);
    try {
      const parts = { spin: () => [spin.pid!], idle: () => [idle.pid!] };
      await Promise.all([once(spin.stdout, 'data'), once(idle.stdout, 'data')]);
      const before = cpuSnapshot(parts);
      await new Promise((r) => setTimeout(r, 1200));
      const perReading = cpuPerReading(before, cpuSnapshot(parts), 1000);
      // Most of its busy loop falls between the snapshots, even with the cores shared with another test file.
      expect(perReading.spin).toBeGreaterThan(100);
      expect(perReading.spin).toBeLessThan(1000);
      expect(perReading.idle).toBeLessThan(50);
    } finally {
      spin.kill();
      idle.kill();
      await Promise.all([once(spin, 'exit'), once(idle, 'exit')]);
    }
  });

  it('finds processes by command name and counts a gone one as nothing', () => {
    expect(processesNamed('node')).toContain(process.pid);
    expect(cpuSnapshot({ gone: () => [2 ** 22 + 1] }).gone).toBe(0);
  });
});
