/**
 * `Hypervisor` over VirtualBox's `VBoxManage` (formats: docs/vm.md, from VBoxManage's sources and
 * Vagrant): `showvminfo --machinereadable` for state, snapshot and NAT forwards, `startvm --type
 * headless`, `controlvm acpipowerbutton|poweroff`, `snapshot list|restore`. A VM "already locked by a
 * session" is retried briefly: VirtualBox says so while the previous session is still closing.
 */
import { ConfigError, UnreachableError } from '../../core/errors.js';
import type {
  Hypervisor,
  PortForward,
  Sleeper,
  VmObservation,
  VmPowerOffOutcome,
  VmShutdownOutcome,
  VmSnapshotOutcome,
  VmStartOutcome,
} from '../../core/hypervisor.js';
import { vmNotFound } from '../../core/vm-checks.js';
import type { ToolRunner } from './tool-run.js';
import {
  isLocked,
  isNotRunning,
  isUnknownSnapshot,
  isUnknownVm,
  lacksKernelModules,
  parseForwards,
  parseMachineReadable,
  parseSnapshotNames,
  powerOfVmState,
  startSucceeded,
  vboxErrorLines,
  vboxFailed,
  type VBoxRun,
} from './vbox-output.js';

export interface VirtualBoxOptions {
  run: ToolRunner;
  sleeper: Sleeper;
  /** Attempts of a command refused because the VM is locked by a session (default 5, one second apart). */
  lockedAttempts?: number;
  lockedDelayMs?: number;
}

const QUICK_MS = 30_000;
/** `startvm` and `snapshot restore` of a large VM can take a while before VBoxManage returns. */
const SLOW_MS = 300_000;

export class VirtualBoxHypervisor implements Hypervisor {
  readonly provider = 'virtualbox' as const;

  constructor(
    readonly vmName: string,
    private readonly options: VirtualBoxOptions,
  ) {}

  async observe(signal?: AbortSignal): Promise<VmObservation> {
    const run = await this.options.run(['showvminfo', this.vmName, '--machinereadable'], {
      signal,
      timeoutMs: QUICK_MS,
    });
    if (vboxFailed(run)) {
      if (isUnknownVm(run)) return { kind: 'missing', maybeNotElevated: false };
      throw this.failure('showvminfo', run);
    }
    const info = parseMachineReadable(run.stdout);
    if (info.name === '<inaccessible>') {
      return { kind: 'found', power: 'failed', detail: 'inaccessible', snapshot: null };
    }
    const state = info.VMState ?? 'unknown';
    return { kind: 'found', power: powerOfVmState(state), detail: state, snapshot: info.CurrentSnapshotName ?? null };
  }

  async start(signal?: AbortSignal): Promise<VmStartOutcome> {
    const run = await this.retryLocked(['startvm', this.vmName, '--type', 'headless'], signal);
    if (!vboxFailed(run) || startSucceeded(run)) return { kind: 'started' };
    if (isLocked(run)) {
      // Still locked after the retries: fine if that session is the VM running.
      const now = await this.observe(signal);
      if (now.kind === 'found' && now.power === 'running') return { kind: 'alreadyRunning' };
    }
    throw this.failure('startvm', run);
  }

  async requestShutdown(signal?: AbortSignal): Promise<VmShutdownOutcome> {
    const run = await this.options.run(['controlvm', this.vmName, 'acpipowerbutton'], { signal, timeoutMs: QUICK_MS });
    if (!vboxFailed(run)) return { kind: 'requested' };
    if (isNotRunning(run)) return { kind: 'notRunning' };
    throw this.failure('controlvm acpipowerbutton', run);
  }

  async powerOff(signal?: AbortSignal): Promise<VmPowerOffOutcome> {
    const run = await this.options.run(['controlvm', this.vmName, 'poweroff'], { signal, timeoutMs: SLOW_MS });
    if (!vboxFailed(run)) return { kind: 'poweredOff' };
    if (isNotRunning(run)) return { kind: 'notRunning' };
    throw this.failure('controlvm poweroff', run);
  }

  async snapshots(signal?: AbortSignal): Promise<string[]> {
    const run = await this.options.run(['snapshot', this.vmName, 'list', '--machinereadable'], {
      signal,
      timeoutMs: QUICK_MS,
    });
    const names = parseSnapshotNames(run);
    if (vboxFailed(run) && names.length === 0 && !/does not have any snapshots/i.test(run.stdout + run.stderr)) {
      throw this.failure('snapshot list', run);
    }
    return names;
  }

  async restoreSnapshot(name: string, signal?: AbortSignal): Promise<VmSnapshotOutcome> {
    const run = await this.retryLocked(['snapshot', this.vmName, 'restore', name], signal);
    if (!vboxFailed(run)) return { kind: 'restored' };
    if (isUnknownSnapshot(run)) return { kind: 'snapshotMissing' };
    throw this.failure('snapshot restore', run);
  }

  async portForwards(signal?: AbortSignal): Promise<PortForward[] | null> {
    const run = await this.options.run(['showvminfo', this.vmName, '--machinereadable'], {
      signal,
      timeoutMs: QUICK_MS,
    });
    if (vboxFailed(run)) throw this.failure('showvminfo', run);
    return parseForwards(parseMachineReadable(run.stdout));
  }

  private async retryLocked(args: string[], signal?: AbortSignal): Promise<VBoxRun> {
    const attempts = this.options.lockedAttempts ?? 5;
    for (let attempt = 1; ; attempt += 1) {
      const run = await this.options.run(args, { signal, timeoutMs: SLOW_MS });
      if (!vboxFailed(run) || startSucceeded(run) || !isLocked(run) || attempt >= attempts) return run;
      await this.options.sleeper.sleep(this.options.lockedDelayMs ?? 1000, signal);
    }
  }

  private failure(operation: string, run: VBoxRun): Error {
    if (isUnknownVm(run)) return vmNotFound(this, false);
    if (lacksKernelModules(run)) {
      return new ConfigError({
        key: 'vm.vbox.kernelModules',
        details: vboxErrorLines(run),
        hintKey: 'vm.vbox.kernelModules.hint',
      });
    }
    return new UnreachableError({
      key: 'vm.tool.failed',
      params: { tool: 'VBoxManage', operation, name: this.vmName, exitCode: run.exitCode },
      details: vboxErrorLines(run),
      hintKey: 'vm.tool.failed.hint',
    });
  }
}
