/**
 * Reading what `VBoxManage` prints (VirtualBox's VBoxManage sources and Vagrant's parsers): the
 * `--machinereadable` `key="value"` lines, `VMState` words, NAT `Forwarding(n)` rules, snapshot lists, and
 * the rule that tells failure from success — a non-zero exit **or** a `VBoxManage(.exe): error:` line,
 * except `startvm`'s success line, which some hosts print with exit 1. Line endings may be `\r\n`.
 */
import type { PortForward, VmPower } from '../../core/hypervisor.js';

export interface VBoxRun {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Parses `key="value"` lines of `showvminfo --machinereadable` (quoted keys such as `"SATA-0-0"` too). */
export function parseMachineReadable(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const match = /^"?([^"=]+)"?="?(.*?)"?$/.exec(line.trim());
    if (match) out[match[1]!] = match[2]!;
  }
  return out;
}

const ERROR_LINE = /VBoxManage([.a-z]+)?: error:/i;

export function vboxFailed(run: VBoxRun): boolean {
  return run.exitCode !== 0 || ERROR_LINE.test(run.stderr);
}

/** The `error:` lines without the program prefix, for an error's details. */
export function vboxErrorLines(run: VBoxRun): string[] {
  const lines = run.stderr.split(/\r?\n/).filter((line) => ERROR_LINE.test(line));
  const picked = lines.length > 0 ? lines : run.stderr.split(/\r?\n/).filter((line) => line.trim() !== '');
  return picked.map((line) => line.replace(ERROR_LINE, '').trim()).slice(-8);
}

export const isUnknownVm = (run: VBoxRun): boolean => /Could not find a registered machine/i.test(run.stderr);
/** Another session holds the VM: transient while one closes, so worth a retry. */
export const isLocked = (run: VBoxRun): boolean =>
  /is already locked by a session|The object is not ready/i.test(run.stderr);
export const isNotRunning = (run: VBoxRun): boolean => /is not currently running/i.test(run.stderr);
export const isUnknownSnapshot = (run: VBoxRun): boolean => /Could not find a snapshot named/i.test(run.stderr);
export const hasNoSnapshots = (run: VBoxRun): boolean => /does not have any snapshots/i.test(run.stdout + run.stderr);
/** `startvm` succeeded even if the exit code says otherwise (Vagrant accepts this line too). */
export const startSucceeded = (run: VBoxRun): boolean => /VM ".*" has been successfully started\./.test(run.stdout);
/** The host's VirtualBox kernel modules are not loaded (Linux, macOS). */
export const lacksKernelModules = (run: VBoxRun): boolean => /failed to open \/dev\/vboxnetctl/i.test(run.stderr);

const POWER: Record<string, VmPower> = {
  running: 'running',
  poweroff: 'off',
  // The VM process died; VirtualBox starts it like a powered-off one.
  aborted: 'off',
  'aborted-saved': 'saved',
  saved: 'saved',
  teleported: 'off',
  paused: 'paused',
  starting: 'starting',
  restoring: 'starting',
  stopping: 'stopping',
  saving: 'busy',
  teleporting: 'busy',
  teleportingin: 'busy',
  teleportingpausedvm: 'busy',
  livesnapshotting: 'busy',
  restoringsnapshot: 'busy',
  deletingsnapshot: 'busy',
  deletingsnapshotlive: 'busy',
  deletingsnapshotlivepaused: 'busy',
  settingup: 'busy',
  gurumeditation: 'failed',
};

export function powerOfVmState(state: string | undefined): VmPower {
  return (state !== undefined && POWER[state.toLowerCase()]) || 'unknown';
}

/** `Forwarding(0)="pg,tcp,127.0.0.1,15432,,5432"` → rules; malformed ones are skipped. */
export function parseForwards(info: Record<string, string>): PortForward[] {
  const rules: PortForward[] = [];
  for (const [key, value] of Object.entries(info)) {
    if (!/^Forwarding\(\d+\)$/.test(key)) continue;
    const [name, protocol, hostIp, hostPort, guestIp, guestPort] = value.split(',');
    const host = Number(hostPort);
    const guest = Number(guestPort);
    if (name === undefined || !Number.isInteger(host) || !Number.isInteger(guest)) continue;
    rules.push({
      name,
      protocol: protocol ?? '',
      hostIp: hostIp ?? '',
      hostPort: host,
      guestIp: guestIp ?? '',
      guestPort: guest,
    });
  }
  return rules;
}

/** Snapshot names from `snapshot <vm> list --machinereadable` (`SnapshotName`, `SnapshotName-1`, …). */
export function parseSnapshotNames(run: VBoxRun): string[] {
  if (hasNoSnapshots(run)) return [];
  const names: string[] = [];
  for (const line of run.stdout.split(/\r?\n/)) {
    const match = /^SnapshotName[^=]*="(.*)"$/.exec(line.trim());
    if (match) names.push(match[1]!);
  }
  return names;
}
