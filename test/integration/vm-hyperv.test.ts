/**
 * The Hyper-V adapter against the powershell.exe test double (test/doubles/README.md): the exact flags,
 * the scripts' cmdlets, the VM name passed outside the script text, numeric VMState values as Windows
 * PowerShell 5.1 writes them, the not-elevated hint, and Stop-VM → Stop-VM -TurnOff after a timeout.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { ConfigError } from '../../src/core/errors.js';
import { stopVm } from '../../src/core/vm-stop.js';
import { HyperVHypervisor } from '../../src/adapters/vm/hyperv.js';
import { defaultToolHost, locateTool } from '../../src/adapters/vm/locate-tool.js';
import { toolRunner } from '../../src/adapters/vm/tool-run.js';
import { FakeTime } from '../helpers/fake-vm.js';
import {
  createVmDoubles,
  DOUBLES_BIN,
  type DoubleWorld,
  type HyperVVm,
  type VmDoubles,
} from '../helpers/vm-doubles.js';

let doubles: VmDoubles | undefined;
afterEach(() => doubles?.cleanup());

function setUp(hyperv: HyperVVm | null, options: { name?: string; elevated?: boolean; hangMs?: number } = {}) {
  const name = options.name ?? 'orca-vm';
  const world: DoubleWorld = {
    vms: hyperv ? { [name]: { state: 'n/a', hyperv } } : {},
    elevated: options.elevated,
    hangMs: options.hangMs,
  };
  doubles = createVmDoubles(world);
  const host = { ...defaultToolHost(), platform: 'linux' as const, env: { PATH: DOUBLES_BIN } };
  const vm = new HyperVHypervisor(name, toolRunner(locateTool('powershell', undefined, host), { env: doubles.env }));
  return { vm, doubles, time: new FakeTime() };
}

/** The Hyper-V cmdlet lines of the scripts the double received, in order. */
const cmdlets = (d: VmDoubles): string[] =>
  d
    .calls()
    .map(
      (c) =>
        /^\s+(.*(?:Get-VM|Start-VM|Stop-VM|Restore-VMSnapshot|Get-VMSnapshot).*)$/m.exec(c.script ?? '')?.[1] ?? '?',
    );

describe('Hyper-V', () => {
  it('runs powershell.exe with exactly these flags and the script encoded, the name in the environment', async () => {
    const name = `o'rca "vm" $(x)`;
    const { vm, doubles } = setUp({ state: 'Off' }, { name });
    expect(await vm.observe()).toEqual({ kind: 'found', power: 'off', detail: 'Off', snapshot: null });
    const [call] = doubles.calls();
    expect(call!.argv.slice(0, 5)).toEqual([
      '-NoProfile',
      '-NonInteractive',
      '-ExecutionPolicy',
      'Bypass',
      '-EncodedCommand',
    ]);
    expect(call!.vmName).toBe(name);
    expect(call!.script).not.toContain(name);
    expect(call!.script).toContain("$ErrorActionPreference = 'Stop'");
    expect(call!.script).toMatch(/Write-Error "Failed to read the VM state: \$\(\$PSItem\)"\n\s+exit 1/);
  });

  it.each([
    [2, 'running', 'Running'],
    [3, 'off', 'Off'],
    [4, 'stopping', 'Stopping'],
    [6, 'saved', 'Saved'],
    [9, 'paused', 'Paused'],
    [10, 'starting', 'Starting'],
    [32776, 'busy', 'Pausing'],
    [32779, 'saved', 'FastSaved'],
    [32783, 'failed', 'RunningCritical'],
    [32794, 'failed', 'FastSavingCritical'],
  ])('understands the numeric state %d (PowerShell 5.1 ConvertTo-Json) as %s', async (number, power, detail) => {
    const { vm } = setUp({ state: 'whatever', stateNumber: number, stateName: '' });
    expect(await vm.observe()).toMatchObject({ kind: 'found', power, detail });
  });

  it('says a missing VM may be a console without administrator rights', async () => {
    const { vm } = setUp({ state: 'Off' }, { elevated: false });
    expect(await vm.observe()).toEqual({ kind: 'missing', maybeNotElevated: true });
    const error = await vm.start().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).hintKey).toBe('vm.notFound.hint.elevation');
  });

  it('starts with Start-VM; a running VM is "already running"', async () => {
    const { vm, doubles } = setUp({ state: 'Off' });
    expect(await vm.start()).toEqual({ kind: 'started' });
    expect(await vm.start()).toEqual({ kind: 'alreadyRunning' });
    expect(cmdlets(doubles)).toEqual(['Start-VM -Name $n', 'Start-VM -Name $n', '$vm = Get-VM -Name $n']);
  });

  it('Stop-VM -Force, then Stop-VM -TurnOff -Force once the guest ignored it past the timeout', async () => {
    const { vm, doubles, time } = setUp({ state: 'Running', shutdown: 'ignore' }, { hangMs: 20_000 });
    const report = await stopVm(
      { timeoutMs: 6000, force: true },
      {
        hypervisor: vm,
        clock: time.clock,
        sleeper: time.sleeper,
        events: { shutdownRequested: () => undefined, poweringOff: () => undefined },
        confirmPowerOff: async () => false,
      },
    );
    expect(report.outcome).toBe('poweredOff');
    const lines = cmdlets(doubles);
    expect(lines.filter((l) => l.startsWith('Stop-VM'))).toEqual([
      'Stop-VM -Name $n -Force',
      'Stop-VM -Name $n -TurnOff -Force',
    ]);
    expect(lines.at(-1)).toBe('Stop-VM -Name $n -TurnOff -Force');
    expect(doubles.world().vms['orca-vm']!.hyperv!.state).toBe('Off');
  });

  it('lists and restores checkpoints without a confirmation prompt', async () => {
    const { vm, doubles } = setUp({ state: 'Off', snapshots: ['clean'] });
    expect(await vm.snapshots()).toEqual(['clean']);
    expect(await vm.restoreSnapshot('clean')).toEqual({ kind: 'restored' });
    expect(await vm.restoreSnapshot('gone')).toEqual({ kind: 'snapshotMissing' });
    const restore = doubles.calls()[1]!;
    expect(restore.script).toMatch(/Restore-VMSnapshot .*-Confirm:\$false/);
    expect(doubles.world().vms['orca-vm']!.hyperv!.restored).toEqual(['clean']);
    expect(await vm.portForwards()).toBeNull();
  });
});
