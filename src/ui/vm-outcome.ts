/** The `vm` commands' results as `main()` prints them: the `--json` documents (docs/json-output.md) and text. */
import type { VmConfig } from '../core/config-schema.js';
import type { VmRebuildReport } from '../core/vm-rebuild.js';
import type { VmStartReport } from '../core/vm-start.js';
import type { VmStatusReport } from '../core/vm-status.js';
import type { VmStopReport } from '../core/vm-stop.js';
import type { Translate } from './i18n.js';
import type { CommandOutcome } from './outcome.js';
import { renderRebuildReport, renderVmStart, renderVmStatus, renderVmStop } from './vm-render.js';

const who = (vm: VmConfig) => ({ provider: vm.provider, name: vm.name });

export function vmStatusOutcome(report: VmStatusReport, t: Translate): CommandOutcome {
  return { json: report, human: () => renderVmStatus(report, t) };
}

export function vmStartOutcome(report: VmStartReport, vm: VmConfig, t: Translate): CommandOutcome {
  return { json: { ...who(vm), ...report }, human: () => renderVmStart(report, vm.name, t) };
}

export function vmStopOutcome(report: VmStopReport, vm: VmConfig, t: Translate): CommandOutcome {
  return { json: { ...who(vm), ...report }, human: () => renderVmStop(report, vm.name, t) };
}

export function vmRebuildOutcome(report: VmRebuildReport, vm: VmConfig, t: Translate): CommandOutcome {
  return { json: { ...who(vm), ...report }, human: () => renderRebuildReport(report, vm.name, t) };
}
