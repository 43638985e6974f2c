/**
 * The VirtualBox adapter against the VBoxManage test double (test/doubles/README.md), driven through the
 * real `vm` use cases with a fake clock: the exact argv of every call, state polling, ACPI timeout →
 * poweroff, startvm's exit 1 with the success line, an unknown VM, the locked-session retry.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { ConfigError, UnreachableError } from '../../src/core/errors.js';
import type { WebOrcaCheck } from '../../src/core/hypervisor.js';
import { startVm } from '../../src/core/vm-start.js';
import { stopVm } from '../../src/core/vm-stop.js';
import { locateTool, defaultToolHost } from '../../src/adapters/vm/locate-tool.js';
import { toolRunner } from '../../src/adapters/vm/tool-run.js';
import { VirtualBoxHypervisor } from '../../src/adapters/vm/virtualbox.js';
import { FakeTime } from '../helpers/fake-vm.js';
import { createVmDoubles, DOUBLES_BIN, type DoubleWorld, type VmDoubles } from '../helpers/vm-doubles.js';

const FORWARDS = ['pg,tcp,127.0.0.1,15432,,5432', 'orca,tcp,127.0.0.1,18000,,8000'];
const EXPECTED = [
  { purpose: 'database' as const, hostPort: 15432 },
  { purpose: 'webOrca' as const, hostPort: 18000 },
];
let doubles: VmDoubles | undefined;
afterEach(() => doubles?.cleanup());

function setUp(world: DoubleWorld, name = 'orca-vm') {
  doubles = createVmDoubles(world);
  const path = locateTool('vboxmanage', undefined, {
    ...defaultToolHost(),
    platform: 'linux',
    env: { PATH: DOUBLES_BIN },
  });
  const time = new FakeTime();
  const vm = new VirtualBoxHypervisor(name, { run: toolRunner(path, { env: doubles.env }), sleeper: time.sleeper });
  const d = doubles;
  // WebORCA answers once the VM runs (the double's world says whether it does).
  const webOrca: WebOrcaCheck = {
    ping: async () => {
      if (d.world().vms[name]?.state !== 'running') throw new UnreachableError({ key: 'http.refused' });
    },
    versions: async () => ({ jmaReceiptVersion: null, database: null, masters: [], programs: [] }),
  };
  return { vm, time, webOrca, doubles: d };
}

const show = ['showvminfo', 'orca-vm', '--machinereadable'];
const noEvents = { starting: () => undefined, alreadyRunning: () => undefined, waitingForWebOrca: () => undefined };

describe('VirtualBox: state', () => {
  it('reads VMState, the current snapshot and the NAT forwards from showvminfo', async () => {
    const { vm, doubles } = setUp({
      vms: { 'orca-vm': { state: 'running', forwards: FORWARDS, currentSnapshot: 'clean' } },
    });
    expect(await vm.observe()).toEqual({ kind: 'found', power: 'running', detail: 'running', snapshot: 'clean' });
    expect(await vm.portForwards()).toEqual([
      { name: 'pg', protocol: 'tcp', hostIp: '127.0.0.1', hostPort: 15432, guestIp: '', guestPort: 5432 },
      { name: 'orca', protocol: 'tcp', hostIp: '127.0.0.1', hostPort: 18000, guestIp: '', guestPort: 8000 },
    ]);
    expect(doubles.argvs()).toEqual([show, show]);
  });

  it('reads Windows output: CRLF line ends and `VBoxManage.exe: error:` lines', async () => {
    const { vm } = setUp({ windows: true, crlf: true, vms: { 'orca-vm': { state: 'aborted' } } });
    expect(await vm.observe()).toEqual({ kind: 'found', power: 'off', detail: 'aborted', snapshot: null });
    const other = new VirtualBoxHypervisor('nope', {
      run: toolRunner(
        locateTool('vboxmanage', undefined, { ...defaultToolHost(), platform: 'linux', env: { PATH: DOUBLES_BIN } }),
        { env: doubles!.env },
      ),
      sleeper: new FakeTime().sleeper,
    });
    expect(await other.observe()).toEqual({ kind: 'missing', maybeNotElevated: false });
  });

  it('an unknown VM is "missing" to observe and a configuration error (exit 2) to every action', async () => {
    const { vm, time, webOrca } = setUp({ vms: {} });
    expect(await vm.observe()).toEqual({ kind: 'missing', maybeNotElevated: false });
    const error = await vm.start().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).key).toBe('vm.notFound');
    const viaUseCase = await startVm(
      { timeoutMs: 10_000, expectedForwards: EXPECTED },
      { hypervisor: vm, webOrca, clock: time.clock, sleeper: time.sleeper, events: noEvents, explain: String },
    ).catch((e: unknown) => e);
    expect((viaUseCase as ConfigError).hintKey).toBe('vm.notFound.hint.virtualbox');
  });
});

describe('VirtualBox: start', () => {
  const start = (s: ReturnType<typeof setUp>) =>
    startVm(
      { timeoutMs: 180_000, expectedForwards: EXPECTED },
      {
        hypervisor: s.vm,
        webOrca: s.webOrca,
        clock: s.time.clock,
        sleeper: s.time.sleeper,
        events: noEvents,
        explain: String,
      },
    );

  it('checks the forwards, runs `startvm --type headless` and waits for WebORCA', async () => {
    const s = setUp({ vms: { 'orca-vm': { state: 'poweroff', forwards: FORWARDS } } });
    expect((await start(s)).outcome).toBe('started');
    expect(s.doubles.argvs()).toEqual([show, show, ['startvm', 'orca-vm', '--type', 'headless']]);
  });

  it('takes exit 1 with the success line as success', async () => {
    const s = setUp({ vms: { 'orca-vm': { state: 'poweroff', forwards: FORWARDS, startExit1: true } } });
    expect(await s.vm.start()).toEqual({ kind: 'started' });
  });

  it('retries a VM locked by a closing session, one second apart', async () => {
    const s = setUp({ vms: { 'orca-vm': { state: 'poweroff', forwards: FORWARDS, lockedStarts: 2 } } });
    expect(await s.vm.start()).toEqual({ kind: 'started' });
    const startvm = ['startvm', 'orca-vm', '--type', 'headless'];
    expect(s.doubles.argvs()).toEqual([startvm, startvm, startvm]);
    expect(s.time.sleeps).toEqual([1000, 1000]);
  });

  it('gives up after five locked attempts and reports the error lines (exit 3)', async () => {
    const s = setUp({ vms: { 'orca-vm': { state: 'poweroff', lockedStarts: 9 } } });
    const error = await s.vm.start().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnreachableError);
    expect((error as UnreachableError).details[0]).toMatch(/already locked by a session/);
    expect(s.doubles.argvs().filter((a) => a[0] === 'startvm')).toHaveLength(5);
  });

  it('refuses (exit 2) before starting when the WebORCA forward is missing', async () => {
    const s = setUp({ vms: { 'orca-vm': { state: 'poweroff', forwards: FORWARDS.slice(0, 1) } } });
    const error = await start(s).catch((e: unknown) => e);
    expect((error as ConfigError).key).toBe('vm.forward.missing');
    expect(s.doubles.argvs().some((a) => a[0] === 'startvm')).toBe(false);
  });
});

describe('VirtualBox: stop', () => {
  const stop = (s: ReturnType<typeof setUp>, force: boolean) =>
    stopVm(
      { timeoutMs: 10_000, force },
      {
        hypervisor: s.vm,
        clock: s.time.clock,
        sleeper: s.time.sleeper,
        events: { shutdownRequested: () => undefined, poweringOff: () => undefined },
        confirmPowerOff: async () => false,
      },
    );

  it('presses the ACPI power button and polls VMState until poweroff', async () => {
    const s = setUp({ vms: { 'orca-vm': { state: 'running', acpiPolls: 3 } } });
    expect((await stop(s, false)).outcome).toBe('stopped');
    // The button press runs beside the polling (Hyper-V's request only returns once the guest is off).
    const [first, ...after] = s.doubles.argvs();
    expect(first).toEqual(show);
    expect(after.filter((a) => a[0] !== 'showvminfo')).toEqual([['controlvm', 'orca-vm', 'acpipowerbutton']]);
    expect(after.filter((a) => a[0] === 'showvminfo').length).toBeGreaterThanOrEqual(3);
    expect(s.doubles.world().vms['orca-vm']!.state).toBe('poweroff');
  });

  it('falls back to poweroff when the guest ignores ACPI', async () => {
    const s = setUp({ vms: { 'orca-vm': { state: 'running', acpi: 'ignore' } } });
    expect((await stop(s, true)).outcome).toBe('poweredOff');
    const argvs = s.doubles.argvs();
    expect(argvs.at(-1)).toEqual(['controlvm', 'orca-vm', 'poweroff']);
    expect(argvs.filter((a) => a[0] === 'showvminfo').length).toBe(7);
    expect(s.doubles.world().vms['orca-vm']!.state).toBe('poweroff');
  });

  it('without --force or a yes, leaves an ACPI-deaf VM running with exit 3', async () => {
    const s = setUp({ vms: { 'orca-vm': { state: 'running', acpi: 'ignore' } } });
    const error = await stop(s, false).catch((e: unknown) => e);
    expect((error as UnreachableError).key).toBe('vm.stop.timedOut');
    expect(s.doubles.world().vms['orca-vm']!.state).toBe('running');
  });

  it('"not currently running" is an answer, not a failure', async () => {
    const s = setUp({ vms: { 'orca-vm': { state: 'poweroff' } } });
    expect(await s.vm.requestShutdown()).toEqual({ kind: 'notRunning' });
    expect(await s.vm.powerOff()).toEqual({ kind: 'notRunning' });
  });
});

describe('VirtualBox: snapshots', () => {
  it('lists, restores, and tells a missing snapshot apart', async () => {
    const s = setUp({ vms: { 'orca-vm': { state: 'poweroff', snapshots: ['base', 'clean'], lockedRestores: 1 } } });
    expect(await s.vm.snapshots()).toEqual(['base', 'clean']);
    expect(await s.vm.restoreSnapshot('clean')).toEqual({ kind: 'restored' });
    expect(await s.vm.restoreSnapshot('gone')).toEqual({ kind: 'snapshotMissing' });
    expect(s.doubles.argvs()).toEqual([
      ['snapshot', 'orca-vm', 'list', '--machinereadable'],
      ['snapshot', 'orca-vm', 'restore', 'clean'],
      ['snapshot', 'orca-vm', 'restore', 'clean'],
      ['snapshot', 'orca-vm', 'restore', 'gone'],
    ]);
    expect(s.doubles.world().vms['orca-vm']!.restored).toEqual(['clean']);
  });

  it('a VM without snapshots lists none', async () => {
    const s = setUp({ vms: { 'orca-vm': { state: 'poweroff' } } });
    expect(await s.vm.snapshots()).toEqual([]);
  });
});
