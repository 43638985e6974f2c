import type { VmDatabase } from '../../core/hypervisor.js';
import { clearRestorePoint } from '../../core/state-changes.js';
import type { OrcaState } from '../../core/state.js';
import { rebuildVm } from '../../core/vm-rebuild.js';
import { FileStateStore } from '../../adapters/fs/state-file.js';
import { confirmRebuild } from '../../ui/vm-confirm.js';
import { vmRebuildOutcome } from '../../ui/vm-outcome.js';
import { rebuildEvents, vmProgress } from '../../ui/vm-progress.js';
import type { CommandOutcome } from '../command.js';
import { askerOf, type CommandContext } from '../context.js';
import { startLockedRun } from '../locked-run.js';
import { deliverOwedPushes } from '../mode-delivery.js';
import { oweRecordedMode } from '../mode-redelivery.js';
import { durationOption } from '../options.js';
import { runStateChange } from '../state-change.js';
import { resolveStateDir } from '../state-dir.js';
import { offerRestore } from './rebuild-restore.js';
import { openVm } from './setup.js';

export interface VmRebuildOptions {
  force: boolean;
  confirmEnv?: string;
  restore?: boolean;
  timeout?: string;
  wait?: string;
  stateDir?: string;
}

/**
 * `vm rebuild` (仮想環境を再構築), under the lock: the use case does the steps; here they get their ports.
 * The journal line keeps the local restore point before and after and the safety dump, also on failure.
 */
export async function runVmRebuild(ctx: CommandContext, options: VmRebuildOptions): Promise<CommandOutcome> {
  const timeoutArg = durationOption(options.timeout, '--timeout', { minMs: 1000, maxMs: 3_600_000 });
  const waitMs = durationOption(options.wait, '--wait') ?? 0;
  const setup = await openVm(ctx, await resolveStateDir(ctx, { flag: options.stateDir, tolerateBrokenConfig: false }));
  const { vm } = setup;
  const run = await startLockedRun(ctx, { command: 'vm rebuild', stateDirFlag: options.stateDir, waitMs });
  const state = await new FileStateStore(run.stateDir).read();
  const journal = journalView(ctx, state);
  const database = await setup.adapters.vmDatabase();
  const tracked: VmDatabase = {
    entriesSince: (since, signal) => database.entriesSince(since, signal),
    keptWithoutDump: (signal) => database.keptWithoutDump(signal),
    takeSafetyDump: async (signal) => journal.dumped('safetyBackupId', await database.takeSafetyDump(signal)),
    dumpKept: async (name, signal) => journal.dumped('keptBackupIds', await database.dumpKept(name, signal)),
  };
  const progress = await vmProgress(ctx.out);
  const report = await rebuildVm(
    {
      snapshot: vm.snapshot,
      startTimeoutMs: timeoutArg ?? vm.startTimeoutSeconds * 1000,
      updateSteps: vm.rebuild.update,
      updateTimeoutMs: vm.rebuild.updateTimeoutSeconds * 1000,
      state,
      force: options.force,
      expectedForwards: setup.expectedForwards,
      signal: ctx.signal,
    },
    {
      hypervisor: setup.hypervisor,
      webOrca: setup.webOrca,
      database: tracked,
      guest: await setup.adapters.vmGuest(vm),
      confirm: confirmRebuild(askerOf(ctx), options.confirmEnv),
      forgetRestorePoint: async () => {
        const command = { stateDir: run.stateDir, command: 'vm rebuild' };
        await runStateChange(ctx, command, (s) => ({ state: clearRestorePoint(s, 'localEmergency'), result: 0 }));
        // The snapshot's database has no mode table: told again at the end, or by the next command.
        await oweRecordedMode(run.stateDir, 'localEmergency');
        await journal.reread(run.stateDir);
      },
      offerRestore: async () => {
        progress.spinner.stop(true);
        const offer = await offerRestore(ctx, setup, run, { restore: options.restore, force: options.force, state });
        await journal.reread(run.stateDir);
        return offer;
      },
      events: rebuildEvents(progress, ctx.out, ctx.t, run.phase),
      clock: setup.clock,
      sleeper: setup.sleeper,
      explain: setup.explain,
    },
  );
  await deliverOwedPushes(ctx, setup.adapters, run.stateDir, ['localEmergency'], 'vm rebuild');
  return vmRebuildOutcome(report, vm, ctx.t);
}

/** The journal's view of a rebuild: the restore points at the start and now, and the dumps it took. */
function journalView(ctx: CommandContext, initial: OrcaState) {
  const before = { restorePoints: initial.restorePoints };
  let after: Record<string, unknown> = { ...before };
  const kept: string[] = [];
  const write = (): void => ctx.journal.changes(before, after);
  write();
  return {
    dumped(field: 'safetyBackupId' | 'keptBackupIds', id: string): string {
      if (field === 'keptBackupIds') kept.push(id);
      after = { ...after, [field]: field === 'keptBackupIds' ? kept.join(', ') : id };
      write();
      return id;
    },
    async reread(stateDir: string): Promise<void> {
      const now = await new FileStateStore(stateDir).read();
      after = { ...after, restorePoints: now.restorePoints };
      write();
    },
  };
}
