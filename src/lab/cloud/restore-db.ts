/**
 * The lab server's restore job: the tool's own local restore (`src/adapters/postgres/restore-db.ts`:
 * staging database, `pg_restore -x -O --exit-on-error -j`, WebORCA's clean-up, checks, ANALYZE, swap by
 * rename), so the reference server behaves like the product's import and the two never drift apart.
 * A failure before the swap leaves the old database as it was and fails the job.
 */
import type { DatabaseConfig } from '../../core/config-schema.js';
import type { RestoreStep } from '../../core/ports.js';
import { connectMaintenance, loadAndSwap } from '../../adapters/postgres/restore-db.js';
import { dropDatabase } from '../../adapters/postgres/restore-db-swap.js';
import type { ProgressReporter } from './jobs.js';

const PROGRESS: Record<RestoreStep, number> = {
  preparing: 0.02,
  staging: 0.05,
  restoring: 0.1,
  cleaning: 0.75,
  checking: 0.8,
  analyzing: 0.85,
  swapping: 0.95,
  safetyDump: 0.96,
  finishing: 0.97,
  remote: 0.1,
};

export interface RestoreOptions {
  jobs?: number;
  signal?: AbortSignal;
}

export async function restoreIntoDatabase(
  db: DatabaseConfig,
  file: string,
  report: ProgressReporter,
  opts: RestoreOptions = {},
): Promise<void> {
  const outcome = await loadAndSwap(db, file, {
    env: 'lab restore',
    jobs: opts.jobs ?? 2,
    signal: opts.signal,
    onStep: (step) => report(PROGRESS[step], step),
  });
  if (outcome.kind === 'failed')
    throw outcome.error instanceof Error ? outcome.error : new Error(String(outcome.error));
  if (outcome.old === null) return;
  // The lab server keeps no copy of the replaced database: that is the real service's business.
  report(PROGRESS.finishing, 'finishing');
  const admin = await connectMaintenance(db, 'lab restore');
  try {
    await dropDatabase(admin, outcome.old);
  } finally {
    await admin.end().catch(() => undefined);
  }
}
