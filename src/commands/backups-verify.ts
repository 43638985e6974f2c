/**
 * `backups verify [id] [--all]`: re-reads dumps already in the catalog and re-checks them (size, sha256,
 * archive listing, a full read). Takes the same lock as `sync` (waiting up to `--wait`), marks what it finds
 * damaged, journals which dumps are marked before and after, exits 6 when any dump failed.
 */
import { verifyBackups } from '../core/backup-verify.js';
import { createProgressDisplay } from '../ui/transfer-progress.js';
import { renderOutcomeLine, verifyOutcome } from '../ui/verify-render.js';
import { openAdapters } from './adapters.js';
import type { CommandOutcome } from './command.js';
import type { CommandContext } from './context.js';
import { startLockedRun } from './locked-run.js';
import { durationOption } from './options.js';

export interface BackupsVerifyOptions {
  all?: boolean;
  wait?: string;
  stateDir?: string;
}

export async function runBackupsVerify(
  ctx: CommandContext,
  options: BackupsVerifyOptions,
  id: string | undefined,
): Promise<CommandOutcome> {
  const waitMs = durationOption(options.wait, '--wait') ?? 0;
  const { config } = await ctx.config();
  const run = await startLockedRun(ctx, { command: 'backups verify', stateDirFlag: options.stateDir, waitMs });
  const folder = await (await openAdapters(ctx)).backupFolder();
  const marked = async () => (await folder.read()).entries.filter((e) => e.damaged).map((e) => e.id);
  const before = await marked();
  ctx.journal.changes({ damaged: before }, { damaged: before });
  const bar = createProgressDisplay(ctx.out.errorStream, ctx.t('backups.verify.progress'), ctx.out.interactiveStderr);
  try {
    const report = await verifyBackups(
      { id, all: options.all === true, signal: ctx.signal },
      {
        folder,
        events: {
          started: (entry, index, count) => {
            run.phase(`verifying ${entry.id}`);
            if (ctx.out.interactiveStderr)
              ctx.out.note(ctx.t('backups.verify.started', { id: entry.id, index: index + 1, count }));
          },
          progress: (_entry, progress) => bar.update(progress),
          finished: (outcome) => {
            bar.stop();
            if (!ctx.out.json) ctx.out.note(renderOutcomeLine(outcome, ctx.t, new Date()));
          },
        },
      },
    );
    ctx.journal.changes({ damaged: before }, { damaged: await marked() });
    return verifyOutcome(config.backup.folder, report, ctx.t);
  } finally {
    bar.stop();
  }
}
