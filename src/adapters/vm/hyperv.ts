/**
 * `Hypervisor` over Hyper-V's PowerShell module (`powershell.exe -NoProfile -NonInteractive`, scripts in
 * `hyperv-scripts.ts`). Hyper-V has no per-VM NAT forwarding, so `portForwards` is null. "Unable to find
 * a virtual machine" is also what a console without administrator rights gets, and is reported so.
 */
import { UnreachableError } from '../../core/errors.js';
import type {
  Hypervisor,
  VmObservation,
  VmPower,
  VmPowerOffOutcome,
  VmShutdownOutcome,
  VmSnapshotOutcome,
  VmStartOutcome,
} from '../../core/hypervisor.js';
import { vmNotFound } from '../../core/vm-checks.js';
import { HYPERV_ENV, HYPERV_SCRIPTS, powershellArgs, type HyperVOperation } from './hyperv-scripts.js';
import type { ToolRunner } from './tool-run.js';
import type { VBoxRun } from './vbox-output.js';

/** `Microsoft.HyperV.PowerShell.VMState` numbers, as Windows PowerShell 5.1's ConvertTo-Json writes them. */
const STATE_NAMES: Record<number, string> = {
  1: 'Other',
  2: 'Running',
  3: 'Off',
  4: 'Stopping',
  6: 'Saved',
  9: 'Paused',
  10: 'Starting',
  11: 'Reset',
  32773: 'Saving',
  32776: 'Pausing',
  32777: 'Resuming',
  32779: 'FastSaved',
  32780: 'FastSaving',
  32781: 'ForceShutdown',
  32782: 'ForceReboot',
};
const CRITICAL = ['Running', 'Off', 'Stopping', 'Saved', 'Paused', 'Starting', 'Reset', 'Saving', 'Pausing'];
CRITICAL.push('Resuming', 'FastSaved', 'FastSaving');
CRITICAL.forEach((name, i) => (STATE_NAMES[32783 + i] = `${name}Critical`));

const POWER: Record<string, VmPower> = {
  running: 'running',
  off: 'off',
  stopping: 'stopping',
  forceshutdown: 'stopping',
  saved: 'saved',
  fastsaved: 'saved',
  hibernated: 'saved',
  paused: 'paused',
  starting: 'starting',
  reset: 'starting',
  resuming: 'starting',
  forcereboot: 'starting',
  saving: 'busy',
  pausing: 'busy',
  fastsaving: 'busy',
  componentservicing: 'busy',
};

/**
 * The state word from the script's JSON: the enum number's name (the number is what PowerShell 5.1 and 7
 * both serialise), else the stringified name, else `Unknown`.
 */
export function hyperVStateName(state: unknown, stateName: unknown): string {
  if (typeof state === 'number' && STATE_NAMES[state] !== undefined) return STATE_NAMES[state];
  for (const value of [stateName, state]) {
    if (typeof value === 'string' && /^[A-Za-z]{2,40}$/.test(value)) return value;
  }
  return typeof state === 'number' ? `State${state}` : 'Unknown';
}

export function powerOfHyperVState(name: string): VmPower {
  if (/Critical$/.test(name)) return 'failed';
  return POWER[name.toLowerCase()] ?? 'unknown';
}

const QUICK_MS = 60_000;
/** Stop-VM without -TurnOff waits for the guest: Hyper-V gives it up to five minutes. */
const SLOW_MS = 600_000;

export class HyperVHypervisor implements Hypervisor {
  readonly provider = 'hyperv' as const;

  constructor(
    readonly vmName: string,
    private readonly run: ToolRunner,
  ) {}

  async observe(signal?: AbortSignal): Promise<VmObservation> {
    const run = await this.script('state', signal);
    if (run.exitCode !== 0) {
      if (isUnknownVm(run)) return { kind: 'missing', maybeNotElevated: true };
      throw this.failure('state', run);
    }
    const answer = lastJson(run) as { state?: unknown; stateName?: unknown; snapshot?: unknown } | null;
    if (answer === null) throw this.failure('state', run);
    const name = hyperVStateName(answer.state, answer.stateName);
    const snapshot = typeof answer.snapshot === 'string' && answer.snapshot !== '' ? answer.snapshot : null;
    return { kind: 'found', power: powerOfHyperVState(name), detail: name, snapshot };
  }

  async start(signal?: AbortSignal): Promise<VmStartOutcome> {
    const run = await this.script('start', signal);
    if (run.exitCode === 0) return { kind: 'started' };
    if (isWrongState(run)) {
      const now = await this.observe(signal);
      if (now.kind === 'found' && now.power === 'running') return { kind: 'alreadyRunning' };
    }
    throw this.failure('start', run);
  }

  async requestShutdown(signal?: AbortSignal): Promise<VmShutdownOutcome> {
    const run = await this.script('shutdown', signal, SLOW_MS);
    if (run.exitCode === 0) return { kind: 'requested' };
    if (isWrongState(run)) return { kind: 'notRunning' };
    throw this.failure('shutdown', run);
  }

  async powerOff(signal?: AbortSignal): Promise<VmPowerOffOutcome> {
    const run = await this.script('turnOff', signal);
    if (run.exitCode === 0) return { kind: 'poweredOff' };
    if (isWrongState(run)) return { kind: 'notRunning' };
    throw this.failure('turnOff', run);
  }

  async snapshots(signal?: AbortSignal): Promise<string[]> {
    const run = await this.script('snapshots', signal);
    const names = run.exitCode === 0 ? lastJson(run) : null;
    if (!Array.isArray(names)) throw this.failure('snapshots', run);
    return names.filter((n): n is string => typeof n === 'string');
  }

  async restoreSnapshot(name: string, signal?: AbortSignal): Promise<VmSnapshotOutcome> {
    const run = await this.script('restore', signal, SLOW_MS, name);
    const answer = run.exitCode === 0 ? (lastJson(run) as { done?: unknown } | null) : null;
    if (answer === null) throw this.failure('restore', run);
    return answer.done === true ? { kind: 'restored' } : { kind: 'snapshotMissing' };
  }

  async portForwards(): Promise<null> {
    return null;
  }

  private script(
    operation: HyperVOperation,
    signal?: AbortSignal,
    timeoutMs = QUICK_MS,
    snapshot = '',
  ): Promise<VBoxRun> {
    return this.run(powershellArgs(HYPERV_SCRIPTS[operation]), {
      signal,
      timeoutMs,
      env: { [HYPERV_ENV.vm]: this.vmName, [HYPERV_ENV.snapshot]: snapshot },
    });
  }

  private failure(operation: HyperVOperation, run: VBoxRun): Error {
    if (isUnknownVm(run)) return vmNotFound(this, true);
    const lines = run.stderr.split('\n').filter((line) => line.trim() !== '');
    return new UnreachableError({
      key: 'vm.tool.failed',
      params: { tool: 'powershell.exe', operation, name: this.vmName, exitCode: run.exitCode },
      details: lines.slice(0, 8),
      hintKey: 'vm.tool.failed.hint',
    });
  }
}

const isUnknownVm = (run: VBoxRun): boolean => /unable to find a virtual machine/i.test(run.stderr);
const isWrongState = (run: VBoxRun): boolean =>
  /cannot be performed while the virtual machine is in its current state/i.test(run.stderr);

/** The last stdout line that parses as JSON (the scripts print exactly one), or null. */
function lastJson(run: VBoxRun): unknown {
  const lines = run.stdout.split('\n').filter((line) => line.trim() !== '');
  try {
    return lines.length === 0 ? null : (JSON.parse(lines.at(-1)!) as unknown);
  } catch {
    return null;
  }
}
