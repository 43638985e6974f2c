/**
 * Start-up cost: `orca-hybrid --help` and `--version` against a bare `node -e 0`, medians of several
 * interleaved runs in the same process. Target ≤ 1.6× (commands load heavy modules lazily).
 */
import { BIN, medianOf, report, timeCommand, type BenchRow } from './lib.js';

export async function run(): Promise<BenchRow[]> {
  const runs = 15;
  await timeCommand('node', [BIN, '--help']); // warm the file cache
  const baseline = await medianOf(runs, () => timeCommand('node', ['-e', '0']));
  const rows: BenchRow[] = [];
  for (const args of [['--help'], ['--version']]) {
    const value = await medianOf(runs, () => timeCommand('node', [BIN, ...args]));
    const ratio = value / baseline;
    rows.push({
      bench: 'startup',
      measure: `orca-hybrid ${args.join(' ')} (ms)`,
      value,
      baseline,
      ratio,
      target: '≤ 1.6× node -e 0',
      ok: ratio <= 1.6,
    });
  }
  return report(rows);
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
