/**
 * `backups verify [id] [--all]`: re-reads dumps already in the catalog and re-checks them (size, sha256,
 * archive listing, a full read). Takes the same lock as `sync` (waiting up to `--wait`), marks what it finds
 * damaged, journals the run, exits 6 when any dump failed.
 */
import { verifyBackups, verifyFailed } from '../core/backup-verify.js';
import { VerificationError, isOrcaError } from '../core/errors.js';
import { FsBackupFolder } from '../adapters/fs/backup-folder.js';
import { acquireLock } from '../adapters/fs/lock.js';
import { createProgressDisplay } from '../ui/transfer-progress.js';
import { renderOutcomeLine, renderVerifySummary, verifyJson } from '../ui/verify-render.js';
import { durationOption } from './backup-runtime.js';
import type { CommandContext } from './context.js';
import { journalCommand } from './state-change.js';
import { resolveStateDir } from './state-dir.js';

export interface BackupsVerifyOptions {
  all?: boolean;
  wait?: string;
  stateDir?: string;
}

export async function runBackupsVerify(
  ctx: CommandContext,
  options: BackupsVerifyOptions,
  id: string | undefined,
): Promise<void> {
  const startedAt = new Date();
  const waitMs = durationOption(options.wait, '--wait') ?? 0;
  const { loadConfig } = await import('../adapters/config/load.js');
  const { config } = await loadConfig(ctx);
  const stateDir = await resolveStateDir(ctx, { flag: options.stateDir, tolerateBrokenConfig: false });
  const lock = await acquireLock({
    stateDir,
    command: 'backups verify',
    waitMs,
    notify: (key, params) => ctx.out.warn(ctx.t(key, params)),
  });
  const folder = new FsBackupFolder(config.backup.folder);
  const bar = createProgressDisplay(ctx.out.errorStream, ctx.t('backups.verify.progress'), ctx.out.interactiveStderr);
  try {
    const before = (await folder.read()).entries.filter((e) => e.damaged).map((e) => e.id);
    const report = await verifyBackups(
      { id, all: options.all === true },
      {
        folder,
        events: {
          started: (entry, index, count) => {
            void lock.updatePhase(`verifying ${entry.id}`).catch(() => undefined);
            if (ctx.out.interactiveStderr)
              ctx.out.info(ctx.t('backups.verify.started', { id: entry.id, index: index + 1, count }));
          },
          progress: (_entry, progress) => bar.update(progress),
          finished: (outcome) => {
            bar.stop();
            if (!ctx.out.json) ctx.out.info(renderOutcomeLine(outcome, ctx.t, new Date()));
          },
        },
      },
    );
    const json = verifyJson(config.backup.folder, report, ctx.t);
    const after = (await folder.read()).entries.filter((e) => e.damaged).map((e) => e.id);
    const failure = verifyFailed(report)
      ? new VerificationError({
          key: 'backups.verify.failed',
          params: { failed: json.failed, n: json.checked },
          hintKey: 'backups.verify.failed.hint',
        })
      : undefined;
    await journalCommand(ctx, {
      stateDir,
      command: 'backups verify',
      startedAt,
      before: { damaged: before },
      after: { damaged: after },
      error: failure,
    });
    ctx.out.result(json, () => renderVerifySummary(json, ctx.t));
    if (failure) process.exitCode = failure.exitCode;
  } catch (error) {
    bar.stop();
    if (isOrcaError(error))
      await journalCommand(ctx, { stateDir, command: 'backups verify', startedAt, before: {}, after: {}, error }).catch(
        () => undefined,
      );
    throw error;
  } finally {
    await lock.release().catch(() => undefined);
  }
}
