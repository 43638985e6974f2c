import { readVmStatus } from '../../core/vm-status.js';
import { vmStatusOutcome } from '../../ui/vm-outcome.js';
import type { CommandOutcome } from '../command.js';
import type { CommandContext } from '../context.js';
import { openVm } from './setup.js';

/** `vm status`: read-only; a missing VM is a state shown, not an error. */
export async function runVmStatus(ctx: CommandContext): Promise<CommandOutcome> {
  const setup = await openVm(ctx);
  const report = await readVmStatus(
    { expectedForwards: setup.expectedForwards, signal: ctx.signal },
    { hypervisor: setup.hypervisor, webOrca: setup.webOrca, explain: setup.explain },
  );
  return vmStatusOutcome(report, ctx.t);
}
