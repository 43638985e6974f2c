import { stopVm } from '../../core/vm-stop.js';
import { confirmPowerOff } from '../../ui/vm-confirm.js';
import { vmStopOutcome } from '../../ui/vm-outcome.js';
import { stopEvents, vmProgress } from '../../ui/vm-progress.js';
import type { CommandOutcome } from '../command.js';
import { askerOf, type CommandContext } from '../context.js';
import { startLockedRun } from '../locked-run.js';
import { durationOption } from '../options.js';
import { openVm } from './setup.js';

export interface VmStopOptions {
  timeout?: string;
  force: boolean;
  wait?: string;
  stateDir?: string;
}

/** `vm stop` (仮想環境を停止): under the lock, so no restore or rebuild runs into a VM going down. */
export async function runVmStop(ctx: CommandContext, options: VmStopOptions): Promise<CommandOutcome> {
  const timeoutArg = durationOption(options.timeout, '--timeout', { minMs: 1000, maxMs: 3_600_000 });
  const waitMs = durationOption(options.wait, '--wait') ?? 0;
  const setup = await openVm(ctx);
  const run = await startLockedRun(ctx, { command: 'vm stop', stateDirFlag: options.stateDir, waitMs });
  const timeoutMs = timeoutArg ?? setup.vm.stopTimeoutSeconds * 1000;
  const progress = await vmProgress(ctx.out);
  run.phase('shutting down');
  const report = await progress.settle(
    stopVm(
      { timeoutMs, force: options.force, signal: ctx.signal },
      {
        hypervisor: setup.hypervisor,
        clock: setup.clock,
        sleeper: setup.sleeper,
        events: stopEvents(progress, ctx.t, timeoutMs / 1000),
        confirmPowerOff: async (elapsed) => {
          progress.spinner.stop(false);
          return confirmPowerOff(askerOf(ctx))(elapsed);
        },
      },
    ),
  );
  return vmStopOutcome(report, setup.vm, ctx.t);
}
