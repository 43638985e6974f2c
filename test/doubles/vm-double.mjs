/**
 * Test doubles of VirtualBox's `VBoxManage` and Windows PowerShell's Hyper-V cmdlets (neither runs on Linux
 * CI). They print exactly the outputs, error lines and exit codes docs/vm.md lists, keep the VMs in a JSON
 * "world" file (`VM_DOUBLE_WORLD`), and append every call's argv to `VM_DOUBLE_LOG` (one JSON line each) so
 * tests assert the exact calls. Documented in test/doubles/README.md.
 */
import { appendFileSync, mkdirSync, readFileSync, renameSync, rmdirSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const PROGRESS = '0%...10%...20%...30%...40%...50%...60%...70%...80%...90%...100%\n';

/** Runs one call; returns the exit code. */
export async function main(tool, argv) {
  const worldFile = process.env.VM_DOUBLE_WORLD;
  if (!worldFile) {
    process.stderr.write(`${tool} (test double): VM_DOUBLE_WORLD is not set\n`);
    return 3;
  }
  const io = { stdout: '', stderr: '', hangMs: 0 };
  const script = tool === 'powershell.exe' ? decodeScript(argv) : null;
  let world;
  let code;
  // Calls run side by side (a shutdown request beside the state polling): one at a time on the world file.
  withLock(worldFile, () => {
    world = JSON.parse(readFileSync(worldFile, 'utf8'));
    log({ tool, argv, script, vmName: process.env.ORCA_HYBRID_VM_NAME ?? null });
    code = tool === 'VBoxManage' ? vboxManage(world, argv, io) : powershell(world, argv, script, io);
    writeFileSync(`${worldFile}.tmp`, JSON.stringify(world, null, 2));
    renameSync(`${worldFile}.tmp`, worldFile);
  });
  if (io.hangMs > 0) await new Promise((resolve) => setTimeout(resolve, io.hangMs));
  const eol = (text) => (world.crlf ? text.replace(/\n/g, '\r\n') : text);
  process.stdout.write(eol(io.stdout));
  process.stderr.write(eol(io.stderr));
  return code;
}

function withLock(file, fn) {
  const lock = `${file}.lock`;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let i = 0; ; i += 1) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST' || i > 2000) throw error;
      Atomics.wait(pause, 0, 0, 5);
    }
  }
  try {
    fn();
  } finally {
    rmdirSync(lock);
  }
}

function log(entry) {
  if (process.env.VM_DOUBLE_LOG) appendFileSync(process.env.VM_DOUBLE_LOG, JSON.stringify(entry) + '\n');
}

// ---------------------------------------------------------------- VBoxManage

function vboxManage(world, argv, io) {
  const prefix = world.windows ? 'VBoxManage.exe: error:' : 'VBoxManage: error:';
  const fail = (...lines) => {
    io.stderr += lines.map((line) => `${prefix} ${line}\n`).join('');
    return 1;
  };
  const [command, name, ...rest] = argv;
  const vm = name === undefined ? undefined : world.vms[name];
  const unknownVm = () =>
    fail(
      `Could not find a registered machine named '${name}'`,
      'Details: code VBOX_E_OBJECT_NOT_FOUND (0x80bb0001), component VirtualBox, interface IVirtualBox, callee nsISupports',
      'Context: "FindMachine(Bstr(VMNameOrUuid).raw(), machine.asOutParam())" at line 2611 of file VBoxManageInfo.cpp',
    );
  const locked = () =>
    fail(
      `The machine '${name}' is already locked by a session (or being locked or unlocked)`,
      'Details: code VBOX_E_INVALID_OBJECT_STATE (0x80bb0007), component MachineWrap, interface IMachine, callee nsISupports',
    );
  const notRunning = () => fail(`Machine '${name}' is not currently running`);
  if (command === 'showvminfo' && rest[0] === '--machinereadable') {
    if (!vm) return unknownVm();
    if (vm.pendingOffPolls !== undefined && vm.pendingOffPolls !== null) {
      vm.pendingOffPolls -= 1;
      if (vm.pendingOffPolls <= 0) {
        vm.state = 'poweroff';
        vm.pendingOffPolls = null;
      }
    }
    const lines = [
      `name="${name}"`,
      `UUID="${vm.uuid ?? '5a3c1e0f-0000-4000-8000-000000000001'}"`,
      `CfgFile="/vms/${name}/${name}.vbox"`,
      `VMState="${vm.state}"`,
      'VMStateChangeTime="2026-07-30T08:45:16.339000000"',
      'nic1="nat"',
      ...(vm.forwards ?? []).map((rule, i) => `Forwarding(${i})="${rule}"`),
      ...(vm.currentSnapshot ? [`CurrentSnapshotName="${vm.currentSnapshot}"`] : []),
    ];
    io.stdout += lines.join('\n') + '\n';
    return 0;
  }
  if (command === 'startvm' && rest.join(' ') === '--type headless') {
    if (!vm) return unknownVm();
    if ((vm.lockedStarts ?? 0) > 0) {
      vm.lockedStarts -= 1;
      return locked();
    }
    if (vm.state === 'running') return locked();
    vm.state = 'running';
    vm.starts = (vm.starts ?? 0) + 1;
    io.stdout += `Waiting for VM "${name}" to power on...\nVM "${name}" has been successfully started.\n`;
    return vm.startExit1 ? 1 : 0;
  }
  if (command === 'controlvm' && rest.length === 1 && (rest[0] === 'acpipowerbutton' || rest[0] === 'poweroff')) {
    if (!vm) return unknownVm();
    if (vm.state !== 'running' && vm.state !== 'stopping') return notRunning();
    if (rest[0] === 'poweroff') {
      io.stderr += PROGRESS;
      vm.state = 'poweroff';
      vm.pendingOffPolls = null;
      return 0;
    }
    if (vm.acpi !== 'ignore') {
      vm.state = 'stopping';
      vm.pendingOffPolls = vm.acpiPolls ?? 2;
    }
    return 0;
  }
  if (command === 'snapshot' && rest.join(' ') === 'list --machinereadable') {
    if (!vm) return unknownVm();
    const names = vm.snapshots ?? [];
    if (names.length === 0) {
      io.stdout += 'This machine does not have any snapshots\n';
      return 1;
    }
    names.forEach((snap, i) => {
      const suffix = i === 0 ? '' : `-${i}`;
      io.stdout += `SnapshotName${suffix}="${snap}"\nSnapshotUUID${suffix}="0000000${i}-aaaa-4bbb-8ccc-000000000000"\n`;
    });
    io.stdout += `CurrentSnapshotName="${vm.currentSnapshot ?? names.at(-1)}"\n`;
    return 0;
  }
  if (command === 'snapshot' && rest[0] === 'restore' && rest.length === 2) {
    if (!vm) return unknownVm();
    if ((vm.lockedRestores ?? 0) > 0) {
      vm.lockedRestores -= 1;
      return locked();
    }
    if (vm.state === 'running') return locked();
    if (!(vm.snapshots ?? []).includes(rest[1])) return fail(`Could not find a snapshot named '${rest[1]}'`);
    io.stderr += PROGRESS;
    vm.currentSnapshot = rest[1];
    vm.restored = [...(vm.restored ?? []), rest[1]];
    return 0;
  }
  io.stderr += `${prefix} Unknown or malformed command: ${argv.join(' ')}\n`;
  return 2;
}

// ---------------------------------------------------------------- PowerShell (Hyper-V)

const EXPECTED_FLAGS = ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand'];

function decodeScript(argv) {
  if (argv.length !== 6 || EXPECTED_FLAGS.some((flag, i) => argv[i] !== flag)) return null;
  return Buffer.from(argv[5], 'base64').toString('utf16le');
}

/** Hyper-V's VMState enum numbers (what PowerShell's ConvertTo-Json writes for an enum). */
const STATE_NUMBERS = { Running: 2, Off: 3, Stopping: 4, Saved: 6, Paused: 9, Starting: 10, Saving: 32773 };

function powershell(world, argv, script, io) {
  if (script === null) {
    io.stderr += `powershell.exe (test double): unexpected arguments ${JSON.stringify(argv)}\n`;
    return 1;
  }
  if (!/\$ErrorActionPreference = 'Stop'/.test(script) || !/\$env:ORCA_HYBRID_VM_NAME/.test(script)) {
    io.stderr += 'powershell.exe (test double): script without $ErrorActionPreference or the VM name variable\n';
    return 1;
  }
  const action = /Write-Error "Failed to ([^:]+): \$\(\$PSItem\)"/.exec(script)?.[1];
  const name = process.env.ORCA_HYBRID_VM_NAME ?? '';
  const vm = world.elevated === false ? undefined : world.vms[name]?.hyperv;
  const fail = (message, id) => {
    io.stderr +=
      `${action ? `Failed to ${action}: ` : ''}${message}\n` +
      `    + CategoryInfo          : NotSpecified: (:) [Write-Error], WriteErrorException\n` +
      `    + FullyQualifiedErrorId : ${id}\n`;
    return 1;
  };
  const unknownVm = (cmdlet) =>
    fail(
      `Hyper-V was unable to find a virtual machine with name "${name}".`,
      `InvalidParameter,Microsoft.HyperV.PowerShell.Commands.${cmdlet}`,
    );
  const wrongState = (cmdlet) =>
    fail(
      'The operation cannot be performed while the virtual machine is in its current state.',
      `InvalidState,Microsoft.HyperV.PowerShell.Commands.${cmdlet}`,
    );
  const done = (value) => {
    io.stdout += JSON.stringify(value) + '\n';
    return 0;
  };
  if (/Restore-VMSnapshot/.test(script)) {
    if (!vm) return unknownVm('GetVMSnapshot');
    if (!/-Confirm:\$false/.test(script)) return fail('Restore-VMSnapshot would prompt for confirmation', 'Prompt');
    const snapshot = process.env.ORCA_HYBRID_VM_SNAPSHOT ?? '';
    if (!(vm.snapshots ?? []).includes(snapshot)) return done({ done: false });
    if (vm.state === 'Running') return wrongState('RestoreVMSnapshot');
    vm.snapshot = snapshot;
    vm.restored = [...(vm.restored ?? []), snapshot];
    return done({ done: true });
  }
  if (/Get-VMSnapshot/.test(script)) {
    if (!vm) return unknownVm('GetVMSnapshot');
    return done(vm.snapshots ?? []);
  }
  if (/Stop-VM -Name \$n -TurnOff -Force/.test(script)) {
    if (!vm) return unknownVm('StopVM');
    if (vm.state === 'Off') return wrongState('StopVM');
    vm.state = 'Off';
    return done({ done: true });
  }
  if (/Stop-VM -Name \$n -Force/.test(script)) {
    if (!vm) return unknownVm('StopVM');
    if (vm.state === 'Off') return wrongState('StopVM');
    if (vm.shutdown === 'ignore') {
      // Stop-VM waits for the guest, which never shuts down: hang until killed.
      io.hangMs = world.hangMs ?? 30_000;
      return fail('The operation timed out.', 'OperationTimeout,Microsoft.HyperV.PowerShell.Commands.StopVM');
    }
    vm.state = 'Off';
    return done({ done: true });
  }
  if (/Start-VM -Name \$n/.test(script)) {
    if (!vm) return unknownVm('StartVM');
    if (vm.state === 'Running') return wrongState('StartVM');
    vm.state = 'Running';
    return done({ done: true });
  }
  if (/Get-VM -Name \$n/.test(script)) {
    if (!vm) return unknownVm('GetVM');
    const number = vm.stateNumber ?? STATE_NUMBERS[vm.state];
    return done({ name, state: number, stateName: vm.stateName ?? vm.state, snapshot: vm.snapshot ?? '' });
  }
  io.stderr += 'powershell.exe (test double): no Hyper-V cmdlet it knows in the script\n';
  return 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv[2], process.argv.slice(3));
}
