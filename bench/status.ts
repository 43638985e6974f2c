/**
 * `status` against the lab, whole process, medians: with all three environments up (target ≤ 1 s) and with
 * one environment blackholed (accepts TCP, never answers; target ≤ timeout + 0.5 s). Baseline: a bare
 * `node -e 0` in the same run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { BIN, medianOf, report, timeCommand, type BenchRow } from './lib.js';

export async function run(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'orca-bench-status-'));
  const lab = (...args: string[]) => execa('node', [BIN, 'lab', ...args, '--dir', dir]);
  try {
    await lab('up', '--patients', '50', '--days', '10');
    const config = join(dir, 'orca-hybrid.yaml');
    const status = () => timeCommand('node', [BIN, '--config', config, 'status', '--timeout', '2']);
    await status();
    const baseline = await medianOf(7, () => timeCommand('node', ['-e', '0']));
    const up = await medianOf(7, status);
    await lab('fault', 'cloudEmergency', '--blackhole');
    const blackholed = await medianOf(5, status);
    await lab('fault', 'cloudEmergency', '--clear');
    return report([
      {
        bench: 'status',
        measure: 'status, 3 envs up (ms)',
        value: up,
        baseline,
        ratio: up / baseline,
        target: '≤ 1000 ms',
        ok: up <= 1000,
      },
      {
        bench: 'status',
        measure: 'status, 1 env blackholed, timeout 2 s (ms)',
        value: blackholed,
        baseline: 2000,
        ratio: blackholed / 2000,
        target: '≤ 2500 ms',
        ok: blackholed <= 2500,
      },
    ]);
  } finally {
    await lab('down').catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
