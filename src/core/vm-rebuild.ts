/**
 * `vm rebuild` (manual §3.2.5 仮想環境を再構築: wipe, apply the newest WebORCA programs, start; 7–10
 * minutes): plan and refusals, the go-ahead, a safety dump when the VM may hold entered data, then power
 * off, restore the clean snapshot, start, wait for WebORCA, run the update steps in the guest, check
 * `systeminfv2`, and offer to restore the newest dump. Every step reports its elapsed time.
 */
import { UnreachableError, VerificationError } from './errors.js';
import type { GuestShell, Hypervisor, Sleeper, VmDatabase, WebOrcaCheck } from './hypervisor.js';
import type { Clock } from './ports.js';
import type { OrcaState } from './state.js';
import {
  assertForwards,
  isStopped,
  observeExisting,
  POLL_INTERVAL_MS,
  waitForWebOrca,
  type ExpectedForward,
} from './vm-checks.js';
import {
  assertRebuildAllowed,
  assertUninspectedAllowed,
  entriesSinceFor,
  isActiveLocalEmergency,
  snapshotMissing,
  type VmRebuildPlan,
  type VmRebuildStep,
} from './vm-rebuild-plan.js';
import { judgeVersions, type VersionVerdict } from './vm-versions.js';
import { pollUntil, secondsOf } from './vm-wait.js';

export interface VmRebuildOptions {
  snapshot: string;
  /** How long the VM may take to answer after a start (its database for the check, WebORCA afterwards). */
  startTimeoutMs: number;
  /** `vm.rebuild.update`: argument arrays run in the guest, in order. */
  updateSteps: readonly (readonly string[])[];
  updateTimeoutMs: number;
  state: Pick<OrcaState, 'mode' | 'selectedEmergency' | 'restorePoints'>;
  /** Rebuild the environment in use / discard a database that cannot be checked. */
  force: boolean;
  expectedForwards: readonly ExpectedForward[];
  signal?: AbortSignal;
}

/** How the offer to restore the newest dump ended (the restore use case runs behind the port). */
export type VmRestoreOffer =
  { kind: 'restored'; backupId: string; safetyBackupId: string | null } | { kind: 'declined' } | { kind: 'noBackup' };

export interface VmRebuildStepRecord {
  step: VmRebuildStep;
  seconds: number;
}

export interface VmRebuildEvents {
  stepStarted(step: VmRebuildStep, detail?: { index: number; count: number; command: string }): void;
  stepFinished(record: VmRebuildStepRecord): void;
  /** A step failed after others changed the VM: what was done, for the person and the journal. */
  interrupted(done: VmRebuildStepRecord[], safetyBackupId: string | null): void;
}

export interface VmRebuildPorts {
  hypervisor: Hypervisor;
  webOrca: WebOrcaCheck;
  database: VmDatabase;
  guest: GuestShell | null;
  /** The go-ahead; throws (CancelledError, UsageError naming the flags, GuardError) to stop. */
  confirm(plan: VmRebuildPlan): Promise<void>;
  /** The snapshot replaced the VM's database: its recorded restore point no longer describes anything. */
  forgetRestorePoint(): Promise<void>;
  offerRestore(signal?: AbortSignal): Promise<VmRestoreOffer>;
  events: VmRebuildEvents;
  clock: Clock;
  sleeper: Sleeper;
  explain(error: unknown): string;
}

export interface VmRebuildReport {
  steps: VmRebuildStepRecord[];
  /** Rows of patient data found after the restore point; null when the database could not be checked (forced). */
  entriesFound: number | null;
  safetyBackupId: string | null;
  /** Dumps of databases earlier restores had kept without one (the snapshot discards them). */
  keptBackupIds: string[];
  versions: VersionVerdict;
  restore: VmRestoreOffer;
  seconds: number;
}

/** Runs the rebuild; see the module comment. Refusals (exit 2, 5) come before the VM is touched. */
export async function rebuildVm(options: VmRebuildOptions, ports: VmRebuildPorts): Promise<VmRebuildReport> {
  const { hypervisor, clock, events } = ports;
  const { signal } = options;
  const started = clock.now().getTime();
  const timing = { clock, sleeper: ports.sleeper, intervalMs: POLL_INTERVAL_MS, signal };
  const vm = await observeExisting(hypervisor, signal);
  const activeEmergency = isActiveLocalEmergency(options.state);
  assertRebuildAllowed({
    activeEmergency,
    force: options.force,
    vmName: hypervisor.vmName,
    snapshot: options.snapshot,
    snapshots: await hypervisor.snapshots(signal),
    updateSteps: options.updateSteps.length,
    hasGuest: ports.guest !== null,
  });
  const running = !isStopped(vm.power);
  if (!running) await assertForwards(hypervisor, options.expectedForwards, signal);
  const restorePoint = options.state.restorePoints.localEmergency ?? null;
  await ports.confirm({
    vmName: hypervisor.vmName,
    provider: hypervisor.provider,
    snapshot: options.snapshot,
    power: vm.power,
    activeEmergency,
    startsToInspect: !running,
    restorePoint,
    updateSteps: options.updateSteps.length,
  });

  const done: VmRebuildStepRecord[] = [];
  let safetyBackupId: string | null = null;
  const step = async <T>(name: VmRebuildStep, work: () => Promise<T>): Promise<T> => {
    const at = clock.now().getTime();
    events.stepStarted(name);
    const value = await work();
    const record = { step: name, seconds: secondsOf(clock.now().getTime() - at) };
    done.push(record);
    events.stepFinished(record);
    return value;
  };
  try {
    const { entriesFound, kept } = await step('inspect', () =>
      inspectEntries(ports, timing, options, running, entriesSinceFor(restorePoint)),
    );
    const keptBackupIds: string[] = [];
    if (activeEmergency || (entriesFound ?? 0) > 0 || kept.length > 0) {
      await step('safetyDump', async () => {
        if (activeEmergency || (entriesFound ?? 0) > 0) safetyBackupId = await ports.database.takeSafetyDump(signal);
        for (const name of kept) keptBackupIds.push(await ports.database.dumpKept(name, signal));
      });
    }
    await step('powerOff', async () => {
      const now = await observeExisting(hypervisor, signal);
      if (!isStopped(now.power)) await hypervisor.powerOff(signal);
    });
    await step('snapshot', async () => {
      const restored = await hypervisor.restoreSnapshot(options.snapshot, signal);
      // Listed a moment ago: only a snapshot deleted meanwhile gets here.
      if (restored.kind === 'snapshotMissing') throw snapshotMissing(hypervisor.vmName, options.snapshot, []);
      await ports.forgetRestorePoint();
    });
    await step('start', async () => {
      await assertForwards(hypervisor, options.expectedForwards, signal);
      await hypervisor.start(signal);
      await waitForWebOrca(ports.webOrca, { ...timing, timeoutMs: options.startTimeoutMs }, ports.explain);
    });
    if (options.updateSteps.length > 0) {
      await step('update', async () => {
        await runUpdateSteps(ports, options);
        // The steps restart WebORCA: it must answer again before its versions mean anything.
        await waitForWebOrca(ports.webOrca, { ...timing, timeoutMs: options.startTimeoutMs }, ports.explain);
      });
    }
    const versions = await step('verify', async () => {
      const verdict = judgeVersions(await ports.webOrca.versions(signal));
      if (!verdict.current) throw notCurrentError(verdict);
      return verdict;
    });
    const restore = await step('restore', () => ports.offerRestore(signal));
    return {
      steps: done,
      entriesFound,
      safetyBackupId,
      keptBackupIds,
      versions,
      restore,
      seconds: secondsOf(clock.now().getTime() - started),
    };
  } catch (error) {
    if (done.length > 0 || safetyBackupId !== null) events.interrupted(done, safetyBackupId);
    throw error;
  }
}

/**
 * Rows entered since the restore point and the kept databases without a dump, starting the VM first when
 * it is off and waiting for its database. Rows are null when the database could not be checked and the
 * guards allow going on without (forced).
 */
async function inspectEntries(
  ports: VmRebuildPorts,
  timing: { clock: Clock; sleeper: Sleeper; intervalMs: number; signal?: AbortSignal },
  options: VmRebuildOptions,
  running: boolean,
  since: Date | null,
): Promise<{ entriesFound: number | null; kept: string[] }> {
  const activeEmergency = isActiveLocalEmergency(options.state);
  const unchecked = { entriesFound: null, kept: [] };
  try {
    if (!running) await ports.hypervisor.start(timing.signal);
  } catch (error) {
    assertUninspectedAllowed({ activeEmergency, force: options.force, reason: ports.explain(error) });
    return unchecked;
  }
  const outcome = await pollUntil(
    async () => {
      try {
        return { done: true, value: await ports.database.entriesSince(since, timing.signal) };
      } catch (error) {
        if (timing.signal?.aborted) throw error;
        return { done: false, error };
      }
    },
    { ...timing, timeoutMs: options.startTimeoutMs },
  );
  if (outcome.kind === 'done') {
    return { entriesFound: outcome.value.rows, kept: await ports.database.keptWithoutDump(timing.signal) };
  }
  assertUninspectedAllowed({
    activeEmergency,
    force: options.force,
    reason: outcome.lastError === null ? '' : ports.explain(outcome.lastError),
  });
  return unchecked;
}

async function runUpdateSteps(ports: VmRebuildPorts, options: VmRebuildOptions): Promise<void> {
  const count = options.updateSteps.length;
  for (const [i, argv] of options.updateSteps.entries()) {
    const command = argv.join(' ');
    ports.events.stepStarted('update', { index: i + 1, count, command });
    const result = await ports.guest!.run(argv, { timeoutMs: options.updateTimeoutMs, signal: options.signal });
    if (result.exitCode !== 0) {
      throw new UnreachableError({
        key: 'vm.rebuild.updateFailed',
        params: { index: i + 1, count, command, exitCode: result.exitCode, via: ports.guest!.describe },
        details: result.outputTail,
        hintKey: 'vm.rebuild.updateFailed.hint',
      });
    }
  }
}

function notCurrentError(verdict: VersionVerdict): VerificationError {
  return new VerificationError({
    key: 'vm.rebuild.notCurrent',
    details: verdict.checks.filter((c) => !c.ok).map((c) => `${c.item} ${c.name}: ${c.local} ≠ ${c.latest}`),
    hintKey: 'vm.rebuild.notCurrent.hint',
  });
}
