import { randomUUID } from 'node:crypto';
import { Command, Option } from 'commander';
import type { EnvironmentName } from '../core/domain.js';
import { ExitCode, isOrcaError } from '../core/errors.js';
import { takeBackup, type TakeBackupPorts } from '../core/take-backup.js';
import { FileStateStore } from '../adapters/fs/state-file.js';
import { formatBytes } from '../ui/backup-format.js';
import { backupJson, type BackupJson } from '../ui/sync-summary.js';
import { createProgressDisplay } from '../ui/transfer-progress.js';
import { translator } from '../ui/i18n.js';
import { action } from './action.js';
import { errorDocument, isHeldLock, printError, startBackupRun } from './backup-runtime.js';
import type { CommandContext } from './context.js';
import { helpTranslator } from './help-language.js';
import { journalCommand } from './state-change.js';

export interface BackupCliOptions {
  from: 'cloudEmergency' | 'localEmergency';
  wait?: string;
  deadline?: string;
  stateDir?: string;
}

/** What `backup --json` prints. */
export interface BackupCommandJson {
  env: EnvironmentName;
  backup: BackupJson | null;
  pruned: string[];
  error: ReturnType<typeof errorDocument> | null;
}

const english = translator('en');

/** `backup --from cloudEmergency|localEmergency` (バックアップを取得). */
export function buildBackupCommand(): Command {
  const t = helpTranslator();
  return new Command('backup')
    .description(t('backup.cmd.summary'))
    .exitOverride()
    .addOption(
      new Option('--from <env>', t('backup.option.from'))
        .choices(['cloudEmergency', 'localEmergency'])
        .makeOptionMandatory(),
    )
    .option('--wait <duration>', t('sync.option.wait'))
    .option('--deadline <duration>', t('sync.option.deadline'))
    .option('--state-dir <dir>', t('state.option.stateDir'))
    .action(action<BackupCliOptions>(runBackupCommand));
}

export async function runBackupCommand(ctx: CommandContext, options: BackupCliOptions): Promise<void> {
  const env = options.from;
  const startedAt = new Date();
  let run;
  try {
    run = await startBackupRun(ctx, {
      command: 'backup',
      stateDir: options.stateDir,
      wait: options.wait,
      deadline: options.deadline,
    });
  } catch (error) {
    if (!isHeldLock(error)) throw error;
    printError(ctx, error);
    if (ctx.out.json)
      ctx.out.result(
        { env, backup: null, pruned: [], error: errorDocument(ctx, error) } satisfies BackupCommandJson,
        () => '',
      );
    process.exitCode = ExitCode.locked;
    return;
  }
  const bar = createProgressDisplay(ctx.out.errorStream, ctx.t('sync.progress.download'), ctx.out.interactiveStderr);
  const settings = run.config.environments[env];
  const ports: TakeBackupPorts = {
    source:
      settings.kind === 'cloud' ? { kind: 'cloud', api: run.cloud(env) } : { kind: 'database', db: settings.database },
    folder: run.folder,
    clock: { now: () => new Date() },
    events: {
      phase: (phase) => {
        run.log.write(`phase ${phase}`);
        void run.lock.updatePhase(phase).catch(() => undefined);
      },
      exportProgress: (fraction, phase) => {
        run.log.write(`export ${Math.round(fraction * 100)} % ${phase ?? ''}`);
        if (ctx.out.interactiveStderr)
          ctx.out.errorStream.write(
            `\r\x1b[2K${ctx.t('backup.export.progress', { percent: Math.round(fraction * 100) })}`,
          );
      },
      progress: (p) => bar.update(p),
    },
  };
  try {
    const state = await new FileStateStore(run.stateDir).read();
    const report = await takeBackup(
      {
        env,
        state,
        retention: run.config.backup.retention,
        deadlineMs: run.deadlineMs,
        requestId: `backup-${randomUUID()}`,
      },
      ports,
    );
    bar.stop();
    run.log.write(
      `end ok ${report.entry.id} size ${report.entry.size} sha256 ${report.entry.sha256} pruned=${JSON.stringify(report.pruned)}`,
    );
    await journalCommand(ctx, {
      stateDir: run.stateDir,
      command: 'backup',
      startedAt,
      before: { backup: null },
      after: { backup: { env, id: report.entry.id, sha256: report.entry.sha256 }, pruned: report.pruned },
    });
    const json: BackupCommandJson = {
      env,
      backup: backupJson(report.entry, new Date()),
      pruned: report.pruned,
      error: null,
    };
    ctx.out.result(json, () =>
      ctx.t('backup.done', {
        env: ctx.t(`env.${env}`),
        id: report.entry.id,
        size: formatBytes(report.entry.size),
        pruned: report.pruned.length,
      }),
    );
  } catch (error) {
    bar.stop();
    if (!isOrcaError(error)) throw error;
    run.log.write(`end failed ${error.code}: ${english(error.key, error.params)}`);
    await journalCommand(ctx, {
      stateDir: run.stateDir,
      command: 'backup',
      startedAt,
      before: { backup: null },
      after: { backup: null },
      error,
    }).catch(() => undefined);
    printError(ctx, error, [ctx.t('backup.failed.catalogUnchanged')]);
    if (ctx.out.json)
      ctx.out.result(
        { env, backup: null, pruned: [], error: errorDocument(ctx, error) } satisfies BackupCommandJson,
        () => '',
      );
    process.exitCode = error.exitCode;
  } finally {
    await run.finish();
  }
}
