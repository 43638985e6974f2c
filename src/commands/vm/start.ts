import { startVm } from '../../core/vm-start.js';
import { vmStartOutcome } from '../../ui/vm-outcome.js';
import { startEvents, vmProgress } from '../../ui/vm-progress.js';
import type { CommandOutcome } from '../command.js';
import type { CommandContext } from '../context.js';
import { deliverOwedPushesIfFree } from '../mode-redelivery.js';
import { durationOption } from '../options.js';
import { resolveStateDir } from '../state-dir.js';
import { openVm } from './setup.js';

export interface VmStartOptions {
  timeout?: string;
  stateDir?: string;
}

/** `vm start` (仮想環境を起動): journaled; no lock (starting changes no record the other commands keep). */
export async function runVmStart(ctx: CommandContext, options: VmStartOptions): Promise<CommandOutcome> {
  const timeoutArg = durationOption(options.timeout, '--timeout', { minMs: 1000, maxMs: 3_600_000 });
  const setup = await openVm(ctx);
  const stateDir = await resolveStateDir(ctx, { flag: options.stateDir, tolerateBrokenConfig: false });
  ctx.journal.open(stateDir, 'vm start');
  const timeoutMs = timeoutArg ?? setup.vm.startTimeoutSeconds * 1000;
  const progress = await vmProgress(ctx.out);
  const report = await progress.settle(
    startVm(
      { timeoutMs, expectedForwards: setup.expectedForwards, signal: ctx.signal },
      {
        hypervisor: setup.hypervisor,
        webOrca: setup.webOrca,
        clock: setup.clock,
        sleeper: setup.sleeper,
        events: startEvents(progress, ctx.out, ctx.t, setup.vm.name, timeoutMs / 1000),
        explain: setup.explain,
      },
    ),
  );
  await deliverOwedPushesIfFree(ctx, setup.adapters, stateDir, ['localEmergency'], 'vm start');
  return vmStartOutcome(report, setup.vm, ctx.t);
}
