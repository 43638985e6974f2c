/**
 * The lab's stand-in for the local emergency VM (`localEmergency.vm.provider: lab`), so every `vm`
 * command runs for real here: the lab's local PostgreSQL cluster is the VM's database, and the local
 * WebORCA stand-in refuses connections while the "VM" is off (the `outage` fault), as a stopped VM's
 * forwarded port does. Rebuild's clean snapshot is an empty database of the current schema version with
 * the clinic's system rows, as WebORCA's installer leaves it. Guest steps run as local programs.
 */
import type { VmConfig } from '../core/config-schema.js';
import type { GuestShell, Hypervisor, VmObservation } from '../core/hypervisor.js';
import type { LabVmFactory } from '../adapters/vm/create.js';
import { UsageError } from '../core/errors.js';
import { defaultLabDir } from '../adapters/fs/paths.js';
import { todayYmd } from './orca/dates.js';
import { createOrcaSchema, seedOrcaSystem } from './orca/schema.js';
import { openLab, setFaults, type LabHandle } from './lab-ops.js';
import { LAB_DATABASES, LAB_USERS } from './manifest.js';
import {
  clusterStatus,
  createDatabase,
  dropDatabase,
  LAB_HOST,
  startCluster,
  stopCluster,
} from './postgres/cluster.js';
import { ProcessError, runProcess } from '../adapters/process/run.js';
import { connectDatabase } from '../adapters/postgres/connect.js';

/** The one snapshot the lab's VM has. */
export const LAB_SNAPSHOT = 'clean';

export class LabHypervisor implements Hypervisor {
  readonly provider = 'lab' as const;

  constructor(
    readonly vmName: string,
    private readonly labDir: string,
  ) {}

  async observe(): Promise<VmObservation> {
    const lab = await this.lab();
    if (!lab) return { kind: 'missing', maybeNotElevated: false };
    const status = await clusterStatus(lab.layout.localCluster);
    if (!status.initialized) return { kind: 'missing', maybeNotElevated: false };
    return status.running
      ? { kind: 'found', power: 'running', detail: 'running', snapshot: LAB_SNAPSHOT }
      : { kind: 'found', power: 'off', detail: 'poweroff', snapshot: LAB_SNAPSHOT };
  }

  async start() {
    const lab = await this.required();
    const running = (await clusterStatus(lab.layout.localCluster)).running;
    if (!running) await startCluster(lab.layout.localCluster, { port: lab.manifest.ports.localCluster ?? undefined });
    // Only the outage: fault knobs a test set (blackhole, delay) stay as they are.
    await setLocalOutage(lab, false);
    return { kind: running ? ('alreadyRunning' as const) : ('started' as const) };
  }

  async requestShutdown() {
    return this.stop('fast');
  }

  async powerOff() {
    const outcome = await this.stop('immediate');
    return { kind: outcome.kind === 'requested' ? ('poweredOff' as const) : ('notRunning' as const) };
  }

  async snapshots(): Promise<string[]> {
    return [LAB_SNAPSHOT];
  }

  /** Wipes the VM's database and recreates the current schema version (the cluster runs only meanwhile). */
  async restoreSnapshot(name: string) {
    if (name !== LAB_SNAPSHOT) return { kind: 'snapshotMissing' as const };
    const lab = await this.required();
    const dir = lab.layout.localCluster;
    const wasRunning = (await clusterStatus(dir)).running;
    const port = (await startCluster(dir, { port: lab.manifest.ports.localCluster ?? undefined })).port!;
    try {
      const superuser = { host: LAB_HOST, port, user: 'postgres', password: lab.secrets.localSuperPassword };
      await dropDatabase(superuser, LAB_DATABASES.localEmergency);
      await createDatabase(superuser, LAB_DATABASES.localEmergency, { owner: LAB_USERS.localDb });
      const client = await connectDatabase(
        {
          host: LAB_HOST,
          port,
          database: LAB_DATABASES.localEmergency,
          user: LAB_USERS.localDb,
          password: lab.secrets.localDbPassword,
          sslmode: 'disable',
        },
        { env: 'localEmergency' },
      );
      try {
        await createOrcaSchema(client);
        await seedOrcaSystem(client, {
          institutionCode: lab.manifest.institutionCode,
          clinicName: lab.manifest.clinicName,
          ymd: todayYmd(),
        });
      } finally {
        await client.end().catch(() => undefined);
      }
    } finally {
      if (!wasRunning) await stopCluster(dir);
    }
    return { kind: 'restored' as const };
  }

  async portForwards(): Promise<null> {
    return null;
  }

  private async stop(mode: 'fast' | 'immediate') {
    const lab = await this.required();
    if (!(await clusterStatus(lab.layout.localCluster)).running) return { kind: 'notRunning' as const };
    await setLocalOutage(lab, true);
    await stopCluster(lab.layout.localCluster, { mode });
    return { kind: 'requested' as const };
  }

  private async lab(): Promise<LabHandle | null> {
    try {
      return await openLab(this.labDir);
    } catch (error) {
      if (error instanceof UsageError && error.key === 'lab.notFound') return null;
      throw error;
    }
  }

  private async required(): Promise<LabHandle> {
    return openLab(this.labDir);
  }
}

/** The WebORCA stand-in refuses connections (VM off) or answers again; nothing to do without the daemon. */
async function setLocalOutage(lab: LabHandle, outage: boolean): Promise<void> {
  try {
    await setFaults(lab, 'localEmergency', { outage });
  } catch (error) {
    if (!(error instanceof UsageError && error.key === 'lab.notRunning')) throw error;
  }
}

/** Update steps of a lab rebuild: local programs run in the lab folder. */
export class LabGuestShell implements GuestShell {
  readonly describe = 'lab';

  constructor(private readonly labDir: string) {}

  async run(argv: readonly string[], options: { timeoutMs: number; signal?: AbortSignal }) {
    try {
      const out = await runProcess(argv[0]!, argv.slice(1), {
        cwd: this.labDir,
        reject: false,
        timeoutMs: options.timeoutMs,
        signal: options.signal,
      });
      const lines = `${out.stdout}\n${out.stderr}`.split(/\r?\n/).filter((line) => line.trim() !== '');
      return { exitCode: out.exitCode, outputTail: lines.slice(-15) };
    } catch (error) {
      if (error instanceof ProcessError) return { exitCode: 127, outputTail: [error.key] };
      throw error;
    }
  }
}

/** The lab's VM for the adapter factory (`commands/adapters.ts` wires it in); `labDir` defaults as `lab` does. */
export const labVmFactory: LabVmFactory = {
  hypervisor: (vm: VmConfig) => new LabHypervisor(vm.name, labDirOf(vm)),
  guest: (vm: VmConfig) => new LabGuestShell(labDirOf(vm)),
};

function labDirOf(vm: VmConfig): string {
  return vm.labDir ?? defaultLabDir();
}
