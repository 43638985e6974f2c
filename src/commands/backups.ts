import { Command } from 'commander';
import type { EnvironmentName } from '../core/domain.js';
import { sortNewestFirst } from '../core/retention.js';
import { readCatalog } from '../adapters/fs/backup-catalog.js';
import { FileStateStore } from '../adapters/fs/state-file.js';
import { backupListRow, renderBackupsTable, type BackupListRow } from '../ui/backups-table.js';
import { action } from './action.js';
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
  return backups;
}

/** Read-only: reads the catalog and the recorded restore points; takes no lock and writes nothing. */
export async function runBackupsList(ctx: CommandContext, options: BackupsListOptions): Promise<void> {
  const { loadConfig } = await import('../adapters/config/load.js');
  const { config } = await loadConfig(ctx);
  const stateDir = await resolveStateDir(ctx, { flag: options.stateDir, tolerateBrokenConfig: false });
  const state = await new FileStateStore(stateDir).read();
  const catalog = await readCatalog(config.backup.folder);
  for (const path of catalog.damaged) ctx.out.note(ctx.t('backups.damaged', { path }));
  const now = new Date();
  const rows = sortNewestFirst(catalog.entries).map((entry) => {
    const restoredInto = (
      Object.entries(state.restorePoints) as Array<[EnvironmentName, { backupId: string } | undefined]>
    )
      .filter(([, point]) => point?.backupId === entry.id)
      .map(([env]) => env);
    return backupListRow(entry, restoredInto, now);
  });
  const json: BackupsListJson = { folder: config.backup.folder, backups: rows, damaged: catalog.damaged };
  ctx.out.result(json, () => renderBackupsTable(rows, ctx.t));
}
