/** `npm run bench`: runs every bench/*.ts that exports `run()` and prints one table of their ratios. */
import { readdirSync } from 'node:fs';
import type { BenchRow } from './lib.js';

process.env.ORCA_BENCH_COLLECT = '1';
const only = process.argv.slice(2);
const files = readdirSync(new URL('.', import.meta.url))
  .filter((f) => f.endsWith('.ts') && !['run.ts', 'lib.ts'].includes(f) && !f.startsWith('_'))
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
  .sort();
const rows: BenchRow[] = [];
for (const file of files) {
  const mod = (await import(new URL(file, import.meta.url).href)) as { run?: () => Promise<BenchRow[]> };
  if (typeof mod.run !== 'function') continue;
  process.stderr.write(`bench: ${file}\n`);
  rows.push(...(await mod.run()));
}
const fmt = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(2));
console.log(['bench', 'measure', 'value', 'baseline', 'ratio', 'target', 'ok'].join(' | '));
for (const r of rows) {
  console.log(
    [r.bench, r.measure, fmt(r.value), fmt(r.baseline), `${r.ratio.toFixed(2)}×`, r.target, r.ok ? 'yes' : 'NO'].join(
      ' | ',
    ),
  );
}
