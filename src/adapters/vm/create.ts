/**
 * Builds the VM adapters from `localEmergency.vm`: the hypervisor (VirtualBox, Hyper-V) and the guest
 * shell of the rebuild's update steps (SSH). The lab's stand-ins live in `src/lab/` and reach this
 * through `labVm`, passed in by whoever wires adapters, so no adapter imports the lab.
 */
import type { VmConfig } from '../../core/config-schema.js';
import type { GuestShell, Hypervisor, Sleeper } from '../../core/hypervisor.js';
import { HyperVHypervisor } from './hyperv.js';
import { locateTool } from './locate-tool.js';
import { SshGuestShell } from './ssh-guest.js';
import { toolRunner } from './tool-run.js';
import { VirtualBoxHypervisor } from './virtualbox.js';

/** The lab's hypervisor and guest shell for `provider: lab`. */
export interface LabVmFactory {
  hypervisor(vm: VmConfig): Hypervisor;
  guest(vm: VmConfig): GuestShell;
}

export interface VmAdapterOptions {
  labVm?: LabVmFactory;
  sleeper?: Sleeper;
}

/** Real waiting, cancellable. */
export const realSleeper: Sleeper = {
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      }
      signal?.addEventListener('abort', done, { once: true });
    }),
};

/**
 * The hypervisor of `vm`. The program is located lazily, at the first call, so a missing VBoxManage is
 * reported by the command that needs it (exit 2), not when the adapters are built.
 */
export function createHypervisor(vm: VmConfig, options: VmAdapterOptions = {}): Hypervisor {
  if (vm.provider === 'lab') {
    if (!options.labVm) throw new Error('the lab VM is wired by the command layer');
    return options.labVm.hypervisor(vm);
  }
  const tool = vm.provider === 'virtualbox' ? 'vboxmanage' : 'powershell';
  let runner: ReturnType<typeof toolRunner> | undefined;
  const run: ReturnType<typeof toolRunner> = (args, runOptions) => {
    runner ??= toolRunner(locateTool(tool, vm.programFile));
    return runner(args, runOptions);
  };
  return vm.provider === 'virtualbox'
    ? new VirtualBoxHypervisor(vm.name, { run, sleeper: options.sleeper ?? realSleeper })
    : new HyperVHypervisor(vm.name, run);
}

/** Where the update steps run: the lab itself, SSH into the guest, or nowhere (no steps configured). */
export function createGuestShell(vm: VmConfig, options: VmAdapterOptions = {}): GuestShell | null {
  if (vm.provider === 'lab') return options.labVm ? options.labVm.guest(vm) : null;
  const ssh = vm.rebuild.ssh;
  if (!ssh) return null;
  return new SshGuestShell({
    host: ssh.host,
    port: ssh.port,
    user: ssh.user,
    identityFile: ssh.identityFile,
    executable: ssh.programFile,
  });
}
