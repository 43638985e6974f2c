/**
 * The one factory that picks adapters from config (STYLE.md §4). Commands build every adapter here: a cloud
 * environment gets the cloud control client over the one HTTP client, a directly reached database gets the
 * PostgreSQL control and `pg_dump`, every environment a WebORCA API client; the backup folder, the restore
 * target and the local emergency VM (hypervisor, guest shell, database) follow the same config. Heavy
 * modules (pg, execa) are imported only when an adapter needs them, so `status` of a cloud setup never
 * loads pg.
 * One factory lives for one command run: `close()` releases every client it made.
 */
import type { EnvironmentName, OrcaConfig, VmConfig } from '../core/config-schema.js';
import type {
  CloudBackupApi,
  CopyableVisitsCounter,
  DumpSource,
  EnvironmentControl,
  GuestShell,
  Hypervisor,
  KeptDatabases,
  OrcaApi,
  RestoreTarget,
  VmDatabase,
  WebOrcaCheck,
} from '../core/ports.js';
import type { RestoreRunPorts } from '../core/restore-run.js';
import type { RestorePoint } from '../core/state.js';
import type { FsBackupFolder } from './fs/backup-folder.js';
import type { PgTools } from './process/pg-tools.js';
import type { HttpClient, HttpTimeouts } from './http/http-types.js';
import { TlsMaterialCache } from './http/tls-material.js';
import type { LabVmFactory } from './vm/create.js';

export interface AdapterOptions {
  timeouts?: HttpTimeouts;
  retry?: { limit?: number; totalDeadlineMs?: number };
  /** Plan only for writes at the adapter boundary (STYLE.md §11). */
  dryRun?: boolean;
  /** The run's state folder: where PostgreSQL's programs find the password file (`postgres/libpq-env.ts`). */
  stateDir?: string;
}

/** What the factory cannot build itself: the lab's VM stand-in lives in `src/lab`, which adapters never import. */
export interface AdapterHooks {
  labVm?: () => Promise<LabVmFactory>;
}

/** How a restore into one environment runs (the rest comes from the config). */
export interface RestoreTargetSettings {
  /** How long to wait for a cloud restore job. */
  timeoutMs: number;
  previousRestore: RestorePoint | undefined;
  /** pg_restore parallel jobs for a directly reached database. */
  jobs?: number;
  /** A cloud job found again (started by an earlier run with the same request). */
  onJobFound?: (job: { jobId: string; createdAt: string }) => void;
}

export class AdapterFactory {
  private readonly closers: Array<() => void> = [];
  private readonly tlsCache = new TlsMaterialCache();
  private folder: Promise<FsBackupFolder> | undefined;
  private tools: Promise<PgTools> | undefined;

  constructor(
    private readonly config: OrcaConfig,
    private readonly options: AdapterOptions = {},
    private readonly hooks: AdapterHooks = {},
  ) {}

  /** The cloud control API (health, counters, mode, backups, jobs) of a cloud environment. */
  async cloudControl(env: EnvironmentName, options: AdapterOptions = {}) {
    const { CloudControl } = await import('./cloud/cloud-control.js');
    return new CloudControl(await this.http(env, 'control', options));
  }

  /** Counters and mode of one environment, through whichever way the config says it is reached. */
  async environmentControl(env: EnvironmentName, options: AdapterOptions = {}): Promise<EnvironmentControl> {
    const settings = this.config.environments[env];
    if (settings.kind === 'cloud') return this.cloudControl(env, options);
    const { PostgresEnvironmentControl } = await import('./postgres/environment-control.js');
    const merged = { ...this.options, ...options };
    return new PostgresEnvironmentControl(env, settings.database, {
      dryRun: merged.dryRun,
      connectTimeoutMs: merged.timeouts?.connectMs,
    });
  }

  /** Where new dumps of `env` come from: its cloud backup API, or `pg_dump` of its database. */
  async dumpSource(env: EnvironmentName): Promise<DumpSource> {
    const settings = this.config.environments[env];
    if (settings.kind === 'cloud') return { kind: 'cloud', api: await this.cloudControl(env) };
    return { kind: 'database', db: settings.database };
  }

  /** The WebORCA public API of one environment. */
  async orcaApi(env: EnvironmentName, options: AdapterOptions = {}): Promise<OrcaApi> {
    const { OrcaApiClient } = await import('./orca-api/client.js');
    return new OrcaApiClient(await this.http(env, 'orcaApi', options));
  }

  /** Kept databases and a closed database in use, for `status` (null for a cloud environment). */
  async restoreLeftovers(
    env: EnvironmentName,
    options: { repair: boolean; signal?: AbortSignal },
  ): Promise<import('./postgres/restore-leftovers.js').RestoreLeftovers | null> {
    const settings = this.config.environments[env];
    if (settings.kind !== 'postgres') return null;
    const { inspectRestoreLeftovers } = await import('./postgres/restore-leftovers.js');
    return inspectRestoreLeftovers(env, settings.database, options);
  }

  /** The databases earlier restores of a directly reached `env` kept (null for a cloud environment). */
  async keptDatabases(env: EnvironmentName): Promise<KeptDatabases | null> {
    const settings = this.config.environments[env];
    if (settings.kind !== 'postgres') return null;
    const { PostgresKeptDatabases } = await import('./postgres/restore-kept.js');
    return new PostgresKeptDatabases(env, settings.database, await this.backupFolder());
  }

  /** The local backup folder of the config (one per factory: it remembers the local pg_restore's version). */
  backupFolder(): Promise<FsBackupFolder> {
    this.folder ??= import('./fs/backup-folder.js').then(
      async ({ FsBackupFolder }) =>
        new FsBackupFolder(this.config.backup.folder, {
          pgTools: await this.pgTools(),
          secretsDir: this.options.stateDir,
        }),
    );
    return this.folder;
  }

  /** PostgreSQL staging + swap for a directly reached database; a cloud restore job otherwise. */
  async restoreTarget(env: EnvironmentName, settings: RestoreTargetSettings): Promise<RestoreTarget> {
    const target = this.config.environments[env];
    if (target.kind === 'postgres') {
      const { PostgresRestoreTarget } = await import('./postgres/restore-target.js');
      return new PostgresRestoreTarget(env, target.database, {
        folder: await this.backupFolder(),
        jobs: settings.jobs,
        tools: await this.pgTools(),
        secretsDir: this.options.stateDir,
      });
    }
    const { CloudRestoreTarget } = await import('./cloud/restore-target.js');
    const api: CloudBackupApi = await this.cloudControl(env);
    return new CloudRestoreTarget(api, {
      folder: await this.backupFolder(),
      timeoutMs: settings.timeoutMs,
      transferMs: this.config.sync.deadlineMinutes * 60_000,
      previousRestore: settings.previousRestore,
      onJob: (event) => settings.onJobFound?.(event),
    });
  }

  /** Reads a cataloged dump's facts (checked against its sidecar) and the local pg_restore's version. */
  async archiveReader(): Promise<Pick<RestoreRunPorts, 'inspectDump' | 'localRestoreVersion'>> {
    const [{ inspectDumpFile }, { localPgRestoreVersion }, tools] = await Promise.all([
      import('./postgres/restore-archive.js'),
      import('./postgres/dump-tool.js'),
      this.pgTools(),
    ]);
    return {
      inspectDump: (entry, signal) => inspectDumpFile(entry, signal, tools),
      localRestoreVersion: () => localPgRestoreVersion(tools),
    };
  }

  /** PostgreSQL's programs: only in `postgres.binDir` when it is set, else the platform's search (one per run). */
  pgTools(): Promise<PgTools> {
    this.tools ??= import('./process/pg-tools.js').then(
      ({ PgTools }) => new PgTools({ binDir: this.config.postgres?.binDir }),
    );
    return this.tools;
  }

  /** The local emergency VM's hypervisor (VirtualBox, Hyper-V, or the lab's stand-in). */
  async hypervisor(vm: VmConfig): Promise<Hypervisor> {
    const labVm = await this.hooks.labVm?.();
    // The lab's stand-in reads two files (status asks it every run); the real ones need the process runner.
    if (vm.provider === 'lab' && labVm) return labVm.hypervisor(vm);
    const { createHypervisor } = await import('./vm/create.js');
    return createHypervisor(vm, { labVm });
  }

  /** Where `vm rebuild` runs its update steps: SSH into the guest, the lab, or nowhere. */
  async vmGuest(vm: VmConfig): Promise<GuestShell | null> {
    const { createGuestShell } = await import('./vm/create.js');
    return createGuestShell(vm, { labVm: await this.hooks.labVm?.() });
  }

  /** The local emergency VM's database: the entries-since check and the safety dump. */
  async vmDatabase(): Promise<VmDatabase> {
    const { PostgresVmDatabase } = await import('./postgres/vm-database.js');
    return new PostgresVmDatabase(this.config.environments.localEmergency.database, await this.backupFolder());
  }

  /** The local emergency environment's WebORCA, asked while a VM starts (short timeouts, no retries). */
  async webOrcaCheck(options: AdapterOptions = {}): Promise<WebOrcaCheck> {
    const { OrcaApiClient } = await import('./orca-api/client.js');
    return new OrcaApiClient(await this.http('localEmergency', 'orcaApi', options));
  }

  /** What `diff-copy` would still copy (for `switch normal`): not available until diff-copy lands. */
  async copyableVisitsCounter(): Promise<CopyableVisitsCounter> {
    const { UnavailableCopyableVisits } = await import('./diff-copy/copyable-visits.js');
    return new UnavailableCopyableVisits();
  }

  /** Releases every client this factory made (kept-alive connections), so the process can exit. */
  close(): void {
    for (const close of this.closers.splice(0)) close();
  }

  private async http(
    env: EnvironmentName,
    target: 'control' | 'orcaApi',
    options: AdapterOptions,
  ): Promise<HttpClient> {
    const [{ createHttpClient }, { httpOptionsFor }] = await Promise.all([
      import('./http/client-factory.js'),
      import('./http/options-from-config.js'),
    ]);
    const base = httpOptionsFor(this.config, env, target);
    const merged = { ...this.options, ...options };
    const client = createHttpClient({
      ...base,
      timeouts: merged.timeouts ?? base.timeouts,
      retry: { ...base.retry, ...this.options.retry, ...options.retry },
      tlsCache: this.tlsCache,
    });
    this.closers.push(() => client.close());
    return client;
  }
}
