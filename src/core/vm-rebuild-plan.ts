/**
 * What `vm rebuild` puts at risk and the refusals that come before anything is touched: the local
 * emergency environment in use during an outage (RELIABILITY.md: never discard entered data silently),
 * a snapshot that does not exist, update steps with no way into the guest.
 */
import type { EmergencyChoice, Mode } from './domain.js';
import { ConfigError, GuardError } from './errors.js';
import type { VmPower, VmProvider } from './hypervisor.js';
import type { RestorePoint } from './state.js';

/** The steps of a rebuild, in order; progress and the report name them. */
export const VM_REBUILD_STEPS = [
  'inspect',
  'safetyDump',
  'powerOff',
  'snapshot',
  'start',
  'update',
  'verify',
  'restore',
] as const;
export type VmRebuildStep = (typeof VM_REBUILD_STEPS)[number];

/**
 * Entries written up to this long before the recorded restore count as "after it": the VM's clock and
 * this computer's may differ, and a needless safety dump costs minutes while a missed one costs records.
 */
export const RESTORE_POINT_MARGIN_MS = 15 * 60_000;

/** What the person approves before the rebuild touches anything. */
export interface VmRebuildPlan {
  vmName: string;
  provider: VmProvider;
  snapshot: string;
  power: VmPower;
  /** The mode says the clinic may be working in this VM right now: a safety dump is taken whatever it holds. */
  activeEmergency: boolean;
  /** The VM is off: it is started first so its database can be checked for entries since the restore point. */
  startsToInspect: boolean;
  restorePoint: RestorePoint | null;
  updateSteps: number;
}

export function isActiveLocalEmergency(state: { mode: Mode; selectedEmergency: EmergencyChoice }): boolean {
  return state.mode !== 'normal' && state.selectedEmergency === 'local';
}

/** Since when entries count as entered in the VM: the restore point less the margin; null = any entry counts. */
export function entriesSinceFor(restorePoint: RestorePoint | null): Date | null {
  if (!restorePoint) return null;
  return new Date(Date.parse(restorePoint.restoredAt) - RESTORE_POINT_MARGIN_MS);
}

/**
 * The refusals: rebuilding the emergency environment in use needs `force` (exit 5); a snapshot the VM
 * does not have is a configuration error (exit 2) listing the ones it has; update steps need a guest shell.
 */
export function assertRebuildAllowed(input: {
  activeEmergency: boolean;
  force: boolean;
  vmName: string;
  snapshot: string;
  snapshots: readonly string[];
  updateSteps: number;
  hasGuest: boolean;
}): void {
  if (input.activeEmergency && !input.force) {
    throw new GuardError({ key: 'vm.rebuild.guard.activeEmergency', hintKey: 'vm.rebuild.guard.activeEmergency.hint' });
  }
  if (!input.snapshots.includes(input.snapshot)) throw snapshotMissing(input.vmName, input.snapshot, input.snapshots);
  if (input.updateSteps > 0 && !input.hasGuest) {
    throw new ConfigError({ key: 'vm.rebuild.noGuest', hintKey: 'vm.rebuild.noGuest.hint' });
  }
}

/** ConfigError `vm.snapshot.missing` (exit 2) listing the snapshots the VM has. */
export function snapshotMissing(vmName: string, snapshot: string, snapshots: readonly string[]): ConfigError {
  return new ConfigError({
    key: 'vm.snapshot.missing',
    params: { name: vmName, snapshot },
    details: [snapshots.length > 0 ? snapshots.join(', ') : '-'],
    hintKey: 'vm.snapshot.missing.hint',
    hintParams: { name: vmName, snapshot },
  });
}

/**
 * When the VM's database could not be checked: refused (exit 5) while it may be the environment in use
 * (no safety dump is possible, and discarding it could lose the outage's records), else refused unless
 * `force` says to discard it unchecked.
 */
export function assertUninspectedAllowed(input: { activeEmergency: boolean; force: boolean; reason: string }): void {
  if (input.activeEmergency) {
    throw new GuardError({
      key: 'vm.rebuild.guard.noSafetyDump',
      details: [input.reason],
      hintKey: 'vm.rebuild.guard.noSafetyDump.hint',
    });
  }
  if (!input.force) {
    throw new GuardError({
      key: 'vm.rebuild.uninspectable',
      details: [input.reason],
      hintKey: 'vm.rebuild.uninspectable.hint',
    });
  }
}
