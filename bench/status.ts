/**
 * `status` against the lab, whole process, medians of interleaved runs: with all three environments up
 * (target ≤ 400 ms; a bare `node -e 0` in the same run is the baseline) and with one environment blackholed
 * (accepts TCP, never answers; target ≤ timeout + 0.5 s). Beside them, where the time goes: the tool's own
 * start-up (`--version`), and the CPU time of a `status` run (user + system, threads included) against the
 * wall time — module loading, certificate parsing and the handshakes are CPU; waiting for the servers is not.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { BIN, median, medianOf, report, timeCommand, type BenchRow } from './lib.js';

/** CPU seconds (user + system) of one run, from `/usr/bin/time`; NaN where it is missing. */
async function cpuOf(dir: string, args: string[]): Promise<number> {
  const file = join(dir, 'cpu.time');
  try {
    await execa('/usr/bin/time', ['-f', '%U %S', '-o', file, 'node', ...args], { stdout: 'ignore', stderr: 'ignore' });
    const [user, system] = readFileSync(file, 'utf8').trim().split(/\s+/).map(Number);
    return (user! + system!) * 1000;
  } catch {
    return NaN;
  }
}

export async function run(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'orca-bench-status-'));
  const lab = (...args: string[]) => execa('node', [BIN, 'lab', ...args, '--dir', dir]);
  try {
    await lab('up', '--patients', '50', '--days', '10');
    const config = join(dir, 'orca-hybrid.yaml');
    const statusArgs = [BIN, '--config', config, 'status', '--timeout', '2'];
    const status = () => timeCommand('node', statusArgs);
    await status();
    const baseline: number[] = [];
    const version: number[] = [];
    const up: number[] = [];
    for (let i = 0; i < 9; i++) {
      baseline.push(await timeCommand('node', ['-e', '0']));
      version.push(await timeCommand('node', [BIN, '--version']));
      up.push(await status());
    }
    const cpu: number[] = [];
    for (let i = 0; i < 5; i++) cpu.push(await cpuOf(dir, statusArgs));
    await lab('fault', 'cloudEmergency', '--blackhole');
    const blackholed = await medianOf(5, status);
    await lab('fault', 'cloudEmergency', '--clear');
    const upMs = median(up);
    const node = median(baseline);
    return report([
      {
        bench: 'status',
        measure: 'status, 3 envs up (ms) vs node -e 0 (ms)',
        value: upMs,
        baseline: node,
        ratio: upMs / node,
        target: '≤ 400 ms',
        ok: upMs <= 400,
      },
      {
        bench: 'status',
        measure: 'orca-hybrid --version: start-up (ms) vs node -e 0 (ms)',
        value: median(version),
        baseline: node,
        ratio: median(version) / node,
        target: 'information',
        ok: true,
      },
      {
        bench: 'status',
        measure: 'status, 3 envs up: CPU time (ms) vs wall time (ms)',
        value: median(cpu),
        baseline: upMs,
        ratio: median(cpu) / upMs,
        target: 'information',
        ok: true,
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
