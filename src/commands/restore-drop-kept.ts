/**
 * `restore --target <env> --drop-kept`: instead of restoring, dump each database an earlier restore of
 * `<env>` kept (verified, into the catalog) and drop it. Holds the tool's lock and journals one line.
 */
import type { OrcaConfig } from '../core/config-schema.js';
import type { EnvironmentName } from '../core/domain.js';
import { UsageError } from '../core/errors.js';
import { dropKeptDatabases } from '../core/kept-databases.js';
import { FsBackupFolder } from '../adapters/fs/backup-folder.js';
import { acquireLock } from '../adapters/fs/lock.js';
import type { CommandContext } from './context.js';
import { confirmOrYes } from './restore-ports.js';
import { journalCommand } from './state-change.js';

export async function runDropKept(
  ctx: CommandContext,
  config: OrcaConfig,
  env: EnvironmentName,
  stateDir: string,
  waitMs: number,
): Promise<void> {
  const settings = config.environments[env];
  if (settings.kind !== 'postgres')
    throw new UsageError({
      key: 'restore.dropKept.notDirect',
      params: { env },
      hintKey: 'restore.dropKept.notDirect.hint',
    });
  const startedAt = new Date();
  const lock = await acquireLock({
    stateDir,
    command: 'restore --drop-kept',
    waitMs,
    notify: (k, p) => ctx.out.warn(ctx.t(k, p)),
  });
  let dropped: string[] = [];
  try {
    const { PostgresKeptDatabases } = await import('../adapters/postgres/restore-kept.js');
    const kept = new PostgresKeptDatabases(env, settings.database, new FsBackupFolder(config.backup.folder));
    const report = await dropKeptDatabases(env, {
      kept,
      confirm: async (databases) => {
        for (const d of databases)
          ctx.out.info(
            ctx.t('restore.dropKept.item', {
              name: d.name,
              replacedAt: d.replacedAt ?? '?',
              mb: Math.ceil(d.bytes / 1e6),
              dump: d.dumpId ?? '-',
            }),
          );
        await confirmOrYes(ctx, ctx.t('restore.dropKept.confirm', { env: ctx.t(`env.${env}`) }));
      },
      dumping: (d) => ctx.out.info(ctx.t('restore.dropKept.dumping', { name: d.name })),
    });
    dropped = report.dropped.map((d) => d.name);
    await journalCommand(ctx, {
      stateDir,
      command: 'restore --drop-kept',
      startedAt,
      before: { kept: dropped },
      after: { kept: [] },
    });
    ctx.out.result(report, () =>
      report.dropped.length === 0
        ? ctx.t('restore.dropKept.none', { env: ctx.t(`env.${env}`) })
        : report.dropped.map((d) => ctx.t('restore.dropKept.done', { name: d.name, id: d.dumpId })).join('\n'),
    );
  } catch (error) {
    await journalCommand(ctx, {
      stateDir,
      command: 'restore --drop-kept',
      startedAt,
      before: {},
      after: { dropped },
      error,
    }).catch(() => undefined);
    throw error;
  } finally {
    await lock.release().catch(() => undefined);
  }
}
