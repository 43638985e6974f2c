/**
 * The lab's stand-in for the local emergency environment's VM (`vm.provider: lab`): "running" while the
 * lab's local PostgreSQL cluster runs, "poweroff" when it is stopped. Implements the `VmStateReader` port;
 * the command layer wires it into the adapter factory, so no adapter imports the lab.
 */
import type { VmStateReader } from '../core/ports.js';
import { labLayout } from './layout.js';
import { clusterPaths, readPostmasterPid } from './postgres/cluster-files.js';

export const labVmState: VmStateReader = {
  async readState(vm) {
    const base = { provider: vm.provider, name: vm.name };
    if (!vm.labDir) return { ...base, state: 'unknown' };
    const running = (await readPostmasterPid(clusterPaths(labLayout(vm.labDir).localCluster))) !== null;
    return { ...base, state: running ? 'running' : 'poweroff' };
  },
};
