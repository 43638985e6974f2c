import { Command } from 'commander';
import { readCatalog } from '../adapters/fs/backup-catalog.js';
import { FileStateStore } from '../adapters/fs/state-file.js';
import { backupsListOutcome } from '../ui/backups-table.js';
import type { CommandKit, CommandOutcome } from './command.js';
import type { BackupsVerifyOptions } from './backups-verify.js';
import type { CommandContext } from './context.js';
import { resolveStateDir } from './state-dir.js';

export interface BackupsListOptions {
  stateDir?: string;
}

/** `backups list [--json]`: the local catalog, newest first. */
export function buildBackupsCommand({ t, action }: CommandKit): Command {
  const backups = new Command('backups').description(t('backups.cmd.summary'));
  backups
    .command('list')
    .description(t('backups.list.summary'))
    .option('--state-dir <dir>', t('state.option.stateDir'))
    .action(action<BackupsListOptions>(runBackupsList));
  backups
    .command('verify')
    .description(t('backups.verify.summary'))
    .argument('[id]', t('backups.verify.arg.id'))
    .option('--all', t('backups.verify.option.all'))
    .option('--wait <duration>', t('sync.option.wait'))
    .option('--state-dir <dir>', t('state.option.stateDir'))
    .addHelpText('after', `\n${t('backups.verify.help.after')}`)
    .action(
      action<BackupsVerifyOptions>(async (ctx, options, args) =>
        (await import('./backups-verify.js')).runBackupsVerify(ctx, options, args[0]),
      ),
    );
  return backups;
}

/** Read-only: reads the catalog and the recorded restore points; takes no lock and writes nothing. */
export async function runBackupsList(ctx: CommandContext, options: BackupsListOptions): Promise<CommandOutcome> {
  const { config } = await ctx.config();
  const stateDir = await resolveStateDir(ctx, { flag: options.stateDir, tolerateBrokenConfig: false });
  const state = await new FileStateStore(stateDir).read();
  const catalog = await readCatalog(config.backup.folder);
  for (const path of catalog.damaged) ctx.out.note(ctx.t('backups.damaged', { path }));
  return backupsListOutcome({ folder: config.backup.folder, ...catalog }, state.restorePoints, new Date(), ctx.t);
}
