/**
 * `vm status` and the VM line of `status` (manual §3.2.5 ローカル応急措置環境の状況): the VM's power state
 * in the hypervisor's words and ours, whether its NAT forwards reach the database and WebORCA, and whether
 * WebORCA answers. A missing VM is a state here, not an error: status must show every environment.
 */
import type { Hypervisor, VmObservation, VmPower, VmProvider, WebOrcaCheck } from './hypervisor.js';
import { missingForwards, type ExpectedForward } from './vm-checks.js';

/** The VM as `status` shows it (docs/json-output.md). */
export interface VmStatus {
  provider: VmProvider;
  name: string;
  /** Our word (`running`, `off`, …), or `notFound`. */
  state: VmPower | 'notFound';
  /** The hypervisor's word (`poweroff`, `Running`); null when the VM was not found. */
  detail: string | null;
  /** Hyper-V gives "not found" to a console without administrator rights too. */
  maybeNotElevated: boolean;
}

export interface VmStatusReport extends VmStatus {
  snapshot: string | null;
  /** Host ports the config relies on that no NAT rule forwards; null when the hypervisor has no per-VM NAT. */
  missingForwards: number[] | null;
  /** Asked only while the VM runs; null otherwise. */
  webOrca: { answering: boolean; error: string | null } | null;
}

/** The VM's state for `status`; hypervisor failures propagate (status shows them as the VM's error). */
export async function describeVm(hypervisor: Hypervisor, signal?: AbortSignal): Promise<VmStatus> {
  return vmStatusOf(hypervisor, await hypervisor.observe(signal));
}

function vmStatusOf(hypervisor: Pick<Hypervisor, 'provider' | 'vmName'>, observed: VmObservation): VmStatus {
  const base = { provider: hypervisor.provider, name: hypervisor.vmName };
  if (observed.kind === 'missing') {
    return { ...base, state: 'notFound', detail: null, maybeNotElevated: observed.maybeNotElevated };
  }
  return { ...base, state: observed.power, detail: observed.detail, maybeNotElevated: false };
}

/** Everything `vm status` shows: state, snapshot, forwards, and WebORCA's answer while the VM runs. */
export async function readVmStatus(
  options: { expectedForwards: readonly ExpectedForward[]; signal?: AbortSignal },
  ports: { hypervisor: Hypervisor; webOrca: WebOrcaCheck; explain(error: unknown): string },
): Promise<VmStatusReport> {
  const { hypervisor } = ports;
  const observed = await hypervisor.observe(options.signal);
  const vm = vmStatusOf(hypervisor, observed);
  if (observed.kind === 'missing') return { ...vm, snapshot: null, missingForwards: null, webOrca: null };
  const forwards = await hypervisor.portForwards(options.signal);
  const missing = forwards === null ? null : missingForwards(forwards, options.expectedForwards).map((m) => m.hostPort);
  let webOrca: VmStatusReport['webOrca'] = null;
  if (observed.power === 'running') {
    try {
      await ports.webOrca.ping(options.signal);
      webOrca = { answering: true, error: null };
    } catch (error) {
      webOrca = { answering: false, error: ports.explain(error) };
    }
  }
  return { ...vm, snapshot: observed.snapshot, missingForwards: missing, webOrca };
}
