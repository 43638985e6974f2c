/**
 * The `Hypervisor` port (STYLE.md §4): the local emergency environment's virtual machine (manual §3.2.5),
 * whichever program runs it — VirtualBox, Hyper-V, or the lab's local cluster standing in for it. Adapters
 * translate the hypervisor's own words into these; expected outcomes (already running, not running, no
 * such snapshot) are result unions, the exceptional (the hypervisor program fails) throws an OrcaError.
 */

export const VM_PROVIDERS = ['virtualbox', 'hyperv', 'lab'] as const;
export type VmProvider = (typeof VM_PROVIDERS)[number];

/**
 * The power state in one vocabulary for every hypervisor. `busy`: a transition the tool must wait out
 * (saving, restoring a snapshot, a live snapshot); `failed`: the hypervisor reports the VM broken (aborted,
 * guru meditation, a critical Hyper-V state). `unknown`: a word this release does not know.
 */
export const VM_POWER_STATES = [
  'running',
  'off',
  'starting',
  'stopping',
  'saved',
  'paused',
  'busy',
  'failed',
  'unknown',
] as const;
export type VmPower = (typeof VM_POWER_STATES)[number];

/** What the hypervisor says about the VM right now. */
export type VmObservation =
  | {
      kind: 'found';
      power: VmPower;
      /** The hypervisor's own word (`poweroff`, `Running`), for people and support. */
      detail: string;
      /** The snapshot the VM was last restored from or taken at, when the hypervisor says. */
      snapshot: string | null;
    }
  /**
   * No VM of the configured name. `maybeNotElevated`: Hyper-V gives the same answer to a console that is
   * not run as administrator (nor a member of "Hyper-V Administrators").
   */
  | { kind: 'missing'; maybeNotElevated: boolean };

/** One NAT rule forwarding a host port to the guest (VirtualBox `Forwarding(n)="name,tcp,hostip,hport,,gport"`). */
export interface PortForward {
  name: string;
  protocol: string;
  hostIp: string;
  hostPort: number;
  guestIp: string;
  guestPort: number;
}

export type VmStartOutcome = { kind: 'started' } | { kind: 'alreadyRunning' };
export type VmShutdownOutcome = { kind: 'requested' } | { kind: 'notRunning' };
export type VmPowerOffOutcome = { kind: 'poweredOff' } | { kind: 'notRunning' };
export type VmSnapshotOutcome = { kind: 'restored' } | { kind: 'snapshotMissing' };

/**
 * One VM under one hypervisor. Every method throws ConfigError (exit 2) when the VM does not exist or the
 * hypervisor program cannot be found, and UnreachableError (exit 3) when the program fails; the stderr
 * tail goes into the error's details. Aborting `signal` kills the program and throws CancelledError.
 */
export interface Hypervisor {
  readonly provider: VmProvider;
  /** The VM's name as configured (`localEmergency.vm.name`). */
  readonly vmName: string;
  /** The VM's state; a missing VM is an answer here, not an error (status shows it). */
  observe(signal?: AbortSignal): Promise<VmObservation>;
  /** Powers the VM on (headless). Returns once the hypervisor has started it, not when the guest is up. */
  start(signal?: AbortSignal): Promise<VmStartOutcome>;
  /**
   * Asks the guest to shut down (ACPI power button, Hyper-V integration services). VirtualBox returns at
   * once; Hyper-V returns when the guest is off. The caller polls `observe` and aborts `signal` to stop
   * waiting; the guest may ignore the request.
   */
  requestShutdown(signal?: AbortSignal): Promise<VmShutdownOutcome>;
  /** Pulls the power: the guest gets no chance to shut down. */
  powerOff(signal?: AbortSignal): Promise<VmPowerOffOutcome>;
  /** Names of the VM's snapshots (empty when it has none). */
  snapshots(signal?: AbortSignal): Promise<string[]>;
  /** Returns the VM (which must be off) to the named snapshot; everything since is discarded. */
  restoreSnapshot(name: string, signal?: AbortSignal): Promise<VmSnapshotOutcome>;
  /** The VM's NAT port forwards; null when this hypervisor has none per VM (Hyper-V, the lab). */
  portForwards(signal?: AbortSignal): Promise<PortForward[] | null>;
}

/**
 * Programs run inside the guest (`vm.rebuild.update`, e.g. WebORCA's `weborca-install`), through SSH or
 * the lab. Each step is an argument array; a non-zero exit is an answer, not an exception.
 */
export interface GuestShell {
  /** How steps reach the guest, for messages (`ssh orca@127.0.0.1:2222`, `lab`). */
  readonly describe: string;
  run(
    argv: readonly string[],
    options: { timeoutMs: number; signal?: AbortSignal },
  ): Promise<{ exitCode: number; outputTail: string[] }>;
}

/** What WebORCA's `systeminfv2` says about its programs and masters (ORCA-API.md). */
export interface WebOrcaVersions {
  /** 日レセバージョン, e.g. `050200-1`. */
  jmaReceiptVersion: string | null;
  /** DB 構造 version in use and the one the installed programs expect. */
  database: { local: string; latest: string } | null;
  /** Each master's record version in use and the newest ORCA provides. */
  masters: Array<{ name: string; local: string; latest: string }>;
  /** プログラム更新管理一覧: newest first as WebORCA lists them. */
  programs: Array<{ date: string; state: string; comment: string }>;
}

/** WebORCA of the local emergency environment, reached through its (forwarded) port. */
export interface WebOrcaCheck {
  /**
   * `system01dailyv2`: resolves (with any value) when WebORCA answered well; throws UnreachableError,
   * AuthError or an Api_Result error otherwise.
   */
  ping(signal?: AbortSignal): Promise<unknown>;
  /** `systeminfv2`. */
  versions(signal?: AbortSignal): Promise<WebOrcaVersions>;
}

/** The VM's own database, reached directly: what a rebuild would discard. */
export interface VmDatabase {
  /**
   * Rows of patient data (patients, visits, acts, payments, diseases) last written after `since`, or
   * present at all when `since` is null. Throws UnreachableError when the database cannot be reached.
   */
  entriesSince(since: Date | null, signal?: AbortSignal): Promise<{ rows: number; tables: string[] }>;
  /** A verified, cataloged dump of the database (a safety dump); returns the backup id. */
  takeSafetyDump(signal?: AbortSignal): Promise<string>;
  /** Databases earlier restores replaced and kept without a verified dump (the snapshot would discard them). */
  keptWithoutDump(signal?: AbortSignal): Promise<string[]>;
  /** Dumps one of those into the catalog (verified); returns the backup id. */
  dumpKept(name: string, signal?: AbortSignal): Promise<string>;
}

/** Waiting, injected so tests poll without real time passing. */
export interface Sleeper {
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}
