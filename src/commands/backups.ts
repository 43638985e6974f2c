import { Command } from 'commander';
import type { EnvironmentName } from '../core/domain.js';
import { sortNewestFirst } from '../core/retention.js';
import { readCatalog } from '../adapters/fs/backup-catalog.js';
import { FileStateStore } from '../adapters/fs/state-file.js';
import { backupListRow, renderBackupsTable, type BackupListRow } from '../ui/backups-table.js';
import { action } from './action.js';
import type { BackupsVerifyOptions } from './backups-verify.js';
import type { CommandContext } from './context.js';
import { helpTranslator } from './help-language.js';
import { resolveStateDir } from './state-dir.js';

export interface BackupsListOptions {
  stateDir?: string;
}

/** What `backups list --json` prints. */
export interface BackupsListJson {
  folder: string;
  backups: BackupListRow[];
  /** Sidecars that could not be trusted (not listed as backups). */
  damaged: string[];
}

/** `backups list [--json]`: the local catalog, newest first. */
export function buildBackupsCommand(): Command {
  const t = helpTranslator();
  const backups = new Command('backups').description(t('backups.cmd.summary')).exitOverride();
  backups
    .command('list')
    .description(t('backups.list.summary'))
    .option('--state-dir <dir>', t('state.option.stateDir'))
    .exitOverride()
    .action(action<BackupsListOptions>(runBackupsList));
  backups
    .command('verify')
    .description(t('backups.verify.summary'))
    .argument('[id]', t('backups.verify.arg.id'))
    .option('--all', t('backups.verify.option.all'))
    .option('--wait <duration>', t('sync.option.wait'))
    .option('--state-dir <dir>', t('state.option.stateDir'))
    .addHelpText('after', `\n${t('backups.verify.help.after')}`)
    .exitOverride()
    .action(
      action<BackupsVerifyOptions>(async (ctx, options, args) => {
        const { runBackupsVerify } = await import('./backups-verify.js');
        await runBackupsVerify(ctx, options, args[0]);
      }),
    );
  return backups;
}

/** Read-only: reads the catalog and the recorded restore points; takes no lock and writes nothing. */
export async function runBackupsList(ctx: CommandContext, options: BackupsListOptions): Promise<void> {
  const { loadConfig } = await import('../adapters/config/load.js');
  const { config } = await loadConfig(ctx);
  const stateDir = await resolveStateDir(ctx, { flag: options.stateDir, tolerateBrokenConfig: false });
  const state = await new FileStateStore(stateDir).read();
  const catalog = await readCatalog(config.backup.folder);
  for (const path of catalog.damaged) ctx.out.warn(ctx.t('backups.damaged', { path }));
  const now = new Date();
  const missing = new Set(catalog.missing);
  const rows = sortNewestFirst([...catalog.entries, ...catalog.missing]).map((entry) => {
    const restoredInto = (
      Object.entries(state.restorePoints) as Array<[EnvironmentName, { backupId: string } | undefined]>
    )
      .filter(([, point]) => point?.backupId === entry.id)
      .map(([env]) => env);
    return backupListRow(entry, restoredInto, now, missing.has(entry));
  });
  const json: BackupsListJson = { folder: config.backup.folder, backups: rows, damaged: catalog.damaged };
  ctx.out.result(json, () => renderBackupsTable(rows, ctx.t, now));
}
