/** Shared bits of the benchmarks: timing whole processes and printing ratios against a baseline. */
import { execa } from 'execa';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../bin/orca-hybrid.js', import.meta.url));

/** One line a benchmark reports; `bench/run.ts` prints them as one table. */
export interface BenchRow {
  bench: string;
  measure: string;
  value: number;
  baseline: number;
  ratio: number;
  target: string;
  ok: boolean;
}

export async function timeCommand(file: string, args: string[]): Promise<number> {
  const start = process.hrtime.bigint();
  await execa(file, args, { stdout: 'ignore', stderr: 'ignore', reject: true });
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Median wall time (ms) of `runs` runs, alternating with nothing else so both sides see the same machine. */
export async function medianOf(runs: number, fn: () => Promise<number>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await fn());
  return median(times);
}

/** When a bench file is run on its own, print its rows; under `bench/run.ts` they are collected. */
export function report(rows: BenchRow[]): BenchRow[] {
  if (process.env.ORCA_BENCH_COLLECT !== '1') {
    for (const r of rows) console.log(JSON.stringify(r));
  }
  return rows;
}
