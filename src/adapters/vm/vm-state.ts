/**
 * The `VmStateReader` port for real hypervisors, for `status`. VirtualBox answers through
 * `VBoxManage showvminfo --machinereadable` (`VMState="running"`), Hyper-V through PowerShell's
 * `(Get-VM).State` stringified. The lab's stand-in is read by the lab itself (`src/lab/vm-stand-in.ts`).
 */
import type { VmConfig } from '../../core/config-schema.js';
import type { VmStateReader } from '../../core/ports.js';
import type { VmStatus } from '../../core/status.js';

/** Parses `key="value"` lines of `showvminfo --machinereadable` (CRLF tolerated). */
export function parseMachineReadable(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const match = /^"?([^"=]+)"?="?(.*?)"?$/.exec(line.trim());
    if (match) out[match[1]!] = match[2]!;
  }
  return out;
}

/** VirtualBox signals failure by exit code or by an `error:` line on stderr (Vagrant's rule). */
function vboxFailed(exitCode: number, stderr: string): boolean {
  return exitCode !== 0 || /VBoxManage([.a-z]+)?: error:/i.test(stderr);
}

export const hypervisorVmState: VmStateReader = { readState: readVmState };

async function readVmState(vm: VmConfig, signal?: AbortSignal): Promise<VmStatus> {
  const base = { provider: vm.provider, name: vm.name };
  // The process runner (execa) only when a hypervisor program is asked.
  const runProcess = async (...args: Parameters<typeof import('../process/run.js').runProcess>) =>
    (await import('../process/run.js')).runProcess(...args);
  switch (vm.provider) {
    case 'virtualbox': {
      const run = await runProcess('VBoxManage', ['showvminfo', vm.name, '--machinereadable'], {
        reject: false,
        signal,
        timeoutMs: 15_000,
      });
      if (vboxFailed(run.exitCode, run.stderr)) {
        return { ...base, state: /Could not find a registered machine/.test(run.stderr) ? 'notFound' : 'error' };
      }
      return { ...base, state: parseMachineReadable(run.stdout).VMState ?? 'unknown' };
    }
    case 'hyperv': {
      const script = `$ErrorActionPreference="Stop"; try { $vm = Get-VM -Name '${vm.name.replace(/'/g, "''")}'; Write-Output "$($vm.State)" } catch { Write-Error "$($PSItem)"; exit 1 }`;
      const run = await runProcess(
        'powershell.exe',
        ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-Command', script],
        { reject: false, signal, timeoutMs: 30_000 },
      );
      if (run.exitCode !== 0)
        return { ...base, state: /unable to find a virtual machine/i.test(run.stderr) ? 'notFound' : 'error' };
      return { ...base, state: run.stdout.trim().toLowerCase() || 'unknown' };
    }
    case 'lab':
      return { ...base, state: 'unknown' };
  }
}
