/** Export (`pg_dump -Fc` into the store) and restore (into the environment's database) for the lab server. */
import { join } from 'node:path';
import { dumpDatabase } from '../../adapters/postgres/dump-tool.js';
import type { BackupOrigin, StoredBackup } from './backup-store.js';
import type { CloudContext } from './context.js';
import type { ProgressReporter } from './jobs.js';
import { restoreIntoDatabase } from './restore-db.js';

/** Dumps the environment's database and publishes it as backup `id`. */
export async function exportBackup(
  ctx: CloudContext,
  id: string,
  origin: BackupOrigin,
  report: ProgressReporter = () => undefined,
): Promise<StoredBackup> {
  report(0.05, 'dumping');
  const { partialFile } = await dumpDatabase(ctx.db, join(ctx.store.partialDir, `${id}.export`), { env: ctx.env });
  report(0.85, 'checksumming');
  return ctx.store.publish(id, partialFile, origin);
}

/** A new backup of the environment's database now (`lab nightly`, and the first one of `lab up`). */
export async function createNightlyBackup(ctx: CloudContext): Promise<StoredBackup> {
  return exportBackup(ctx, await ctx.store.newId('nightly'), 'nightly');
}

export async function restoreBackup(ctx: CloudContext, backup: StoredBackup, report: ProgressReporter): Promise<void> {
  await restoreIntoDatabase(ctx.db, ctx.store.contentPath(backup.id), report);
}
