/**
 * `restore --target <env> --drop-kept`: instead of restoring, dump each database an earlier restore of
 * `<env>` kept (verified, into the catalog) and drop it — under the tool's lock, journaled, after a go-ahead.
 */
import type { EnvironmentName } from '../core/domain.js';
import { UsageError } from '../core/errors.js';
import { dropKeptDatabases } from '../core/kept-databases.js';
import { confirmDropKept } from '../ui/confirmations.js';
import { dropKeptOutcome, renderKeptDatabase } from '../ui/restore-render.js';
import { openAdapters } from './adapters.js';
import type { CommandOutcome } from './command.js';
import { askerOf, type CommandContext } from './context.js';
import { startLockedRun } from './locked-run.js';

export async function runDropKept(
  ctx: CommandContext,
  env: EnvironmentName,
  options: { stateDirFlag: string | undefined; waitMs: number },
): Promise<CommandOutcome> {
  const adapters = await openAdapters(ctx);
  const kept = await adapters.keptDatabases(env);
  if (!kept)
    throw new UsageError({
      key: 'restore.dropKept.notDirect',
      params: { env },
      hintKey: 'restore.dropKept.notDirect.hint',
    });
  await startLockedRun(ctx, { command: 'restore --drop-kept', ...options });
  const asker = askerOf(ctx);
  const report = await dropKeptDatabases(
    env,
    {
      kept,
      confirm: async (databases) => {
        for (const database of databases) ctx.out.note(renderKeptDatabase(database, ctx.t));
        await confirmDropKept(asker, env);
      },
      dumping: (database) => ctx.out.note(ctx.t('restore.dropKept.dumping', { name: database.name })),
    },
    ctx.signal,
  );
  ctx.journal.changes({ kept: report.dropped.map((d) => d.name) }, { kept: [] });
  return dropKeptOutcome(report, ctx.t);
}
