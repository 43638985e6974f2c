/**
 * What `bump-seq` reads from and writes to the state besides the counters themselves: when the target's
 * restored backup was made, and — after the bump — both readings and a bump based on an old reading.
 */
import type { BumpReport } from '../core/bump-run.js';
import { recordBump, recordSequences } from '../core/state-changes.js';
import type { RestorePoint } from '../core/state.js';
import type { AdapterFactory } from '../adapters/factory.js';
import type { CommandContext } from './context.js';
import { runStateChange } from './state-change.js';

/**
 * Both readings as last-known values (the target's new counters, and the source's when read live), and a
 * bump based on an old reading, so that a re-run with it changes nothing.
 */
export async function recordReadings(ctx: CommandContext, stateDir: string, report: BumpReport): Promise<void> {
  await runStateChange(ctx, { stateDir, command: 'bump-seq' }, (current) => {
    let next = recordSequences(current, report.env, report.after, new Date());
    if (report.record) next = recordBump(next, report.env, report.record);
    if (report.source.reading === 'live')
      next = recordSequences(next, report.source.env, report.source.values, new Date(report.source.readAt));
    return { state: next, result: undefined };
  });
}

/** When the backup the environment was last restored from was made: recorded, else from the catalog. */
export async function restoredBackupCreatedAt(
  adapters: AdapterFactory,
  point: RestorePoint | undefined,
): Promise<string | null> {
  if (!point) return null;
  if (point.backupCreatedAt) return point.backupCreatedAt;
  const { entries } = await (await adapters.backupFolder()).read().catch(() => ({ entries: [] }));
  return entries.find((e) => e.id === point.backupId)?.createdAt ?? null;
}
