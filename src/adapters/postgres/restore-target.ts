/**
 * `RestoreTarget` for a directly reached database (local emergency VM, on-premises operating server): the
 * gates' facts from the server, the restore by staging + swap (`restore-db.ts`), then the replaced database:
 * dumped into the catalog when a safety dump is asked for (it took writes until the swap, so the dump holds
 * every row committed there), and dropped only once nothing of it can be lost (`restore-kept.ts`).
 */
import type { CatalogEntry } from '../../core/backup-catalog.js';
import type { ClinicIdentity } from '../../core/clinic-identity.js';
import type { DatabaseConfig } from '../../core/config-schema.js';
import type { EnvironmentName, Sequences } from '../../core/domain.js';
import { GuardError, isOrcaError } from '../../core/errors.js';
import type {
  BackupFolder,
  RestoreOutcome,
  RestoreRequest,
  RestoreTarget,
  RestoreTargetFacts,
  RestoreWarning,
} from '../../core/ports.js';
import { readDatabaseIdentity } from './clinic-identity-sql.js';
import { connectDatabase, mapQueryError, type PgClient } from './connect.js';
import { connectMaintenance, loadAndSwap } from './restore-db.js';
import { reopenDatabase } from './restore-db-swap.js';
import { PostgresKeptDatabases } from './restore-kept.js';
import { readSequences, toYmd } from './sequences-sql.js';
import type { PgTools } from '../process/pg-tools.js';

export interface PostgresRestoreTargetOptions {
  folder: BackupFolder;
  jobs?: number;
  /** Where pg_restore is; the standard search by default. */
  tools?: PgTools;
  now?: () => Date;
}

interface ServerFacts {
  version: string;
  num: number;
  createdb: boolean;
  /** Whether the configured user is the owner (`datdba`) of the database in use; null when there is none. */
  owner: boolean | null;
  /** `datallowconn` of the database in use (null when there is none). */
  open: boolean | null;
}

export class PostgresRestoreTarget implements RestoreTarget {
  readonly kind = 'postgres' as const;
  readonly kept: PostgresKeptDatabases;

  constructor(
    readonly env: EnvironmentName,
    private readonly db: DatabaseConfig,
    private readonly options: PostgresRestoreTargetOptions,
  ) {
    this.kept = new PostgresKeptDatabases(env, db, options.folder, options.now);
  }

  /**
   * Server version, the identity and counters of the database in use (if any), and the privileges the
   * restore needs — create databases, and be the owner of the database it replaces (with `--no-owner`
   * every restored object belongs to the restoring user, so it must be the owner WebORCA uses) —
   * refused with GuardError before anything is touched.
   */
  async inspect(signal?: AbortSignal): Promise<RestoreTargetFacts> {
    const admin = await connectMaintenance(this.db, this.env, signal);
    let facts: ServerFacts;
    const notes: RestoreWarning[] = [];
    try {
      const { rows } = await admin.query<Omit<ServerFacts, 'num'> & { num: string }>(
        `SELECT current_setting('server_version') AS version, current_setting('server_version_num') AS num,
                (SELECT rolcreatedb OR rolsuper FROM pg_roles WHERE rolname = current_user) AS createdb,
                (SELECT datdba = (SELECT oid FROM pg_roles WHERE rolname = current_user)
                   FROM pg_database WHERE datname = $1) AS owner,
                (SELECT datallowconn FROM pg_database WHERE datname = $1) AS open`,
        [this.db.database],
      );
      facts = { ...rows[0]!, num: Number(rows[0]!.num) };
      // A restore killed during its swap left the database in use closed to connections: re-open it first.
      if (facts.open === false && facts.owner === true) {
        await reopenDatabase(admin, this.db.database);
        notes.push({ key: 'restore.warn.reopened', params: { env: this.env, database: this.db.database } });
      }
    } catch (error) {
      throw mapQueryError(error, this.env);
    } finally {
      await admin.end().catch(() => undefined);
    }
    const params = { env: this.env, user: this.db.user, database: this.db.database };
    if (!facts.createdb)
      throw new GuardError({ key: 'restore.privilege.createdb', params, hintKey: 'restore.privilege.createdb.hint' });
    if (facts.owner === false)
      throw new GuardError({ key: 'restore.privilege.owner', params, hintKey: 'restore.privilege.owner.hint' });
    const exists = facts.owner !== null;
    const current = exists ? await this.readCurrent(signal) : { identity: null, sequences: null };
    return {
      server: { version: facts.version.split(' ')[0]!, major: Math.floor(facts.num / 10_000) },
      identity: current.identity
        ? { ...current.identity, exists }
        : { exists, hospnums: [], institutionCode: null, problem: null, structureVersion: null },
      canTakeSafetyDump: exists,
      sequences: current.sequences,
      notes,
    };
  }

  async restore(entry: CatalogEntry, request: RestoreRequest): Promise<RestoreOutcome> {
    const warnings: RestoreWarning[] = [];
    const progress = (step: 'preparing' | 'safetyDump' | 'finishing'): void =>
      request.onProgress({ step, fraction: null });
    progress('preparing');
    await this.settleKeptBefore(warnings);
    await this.options.folder.removeStalePartials(this.env, null).catch(() => undefined);
    const loaded = await loadAndSwap(this.db, entry.dumpPath, {
      env: this.env,
      jobs: this.options.jobs,
      tools: this.options.tools,
      signal: request.signal,
      onStep: (step) => request.onProgress({ step, fraction: null }),
    });
    if (loaded.kind === 'failed') return loaded;
    warnings.push(...loaded.warnings);
    const kept: string[] = [];
    let safetyBackupId: string | null = null;
    if (loaded.old !== null) {
      // The restore has happened: the replaced database is dumped and dropped whatever the signal says.
      if (request.safetyDump) {
        progress('safetyDump');
        try {
          safetyBackupId = await this.kept.dump(loaded.old);
          request.onSafetyDump?.(safetyBackupId);
        } catch (error) {
          warnings.push({
            key: 'restore.warn.safetyDumpFailed',
            params: { env: this.env, envId: this.env, name: loaded.old },
            cause: error,
          });
        }
      }
      progress('finishing');
      if (!request.safetyDump || safetyBackupId !== null) {
        await this.kept.drop(loaded.old).catch((error: unknown) => {
          warnings.push({
            key: 'restore.warn.oldKept',
            params: { env: this.env, envId: this.env, name: loaded.old! },
            cause: error,
          });
          kept.push(loaded.old!);
        });
      } else {
        kept.push(loaded.old);
      }
    }
    return { kind: 'restored', safetyBackupId, keptDatabases: kept, warnings };
  }

  /** Drops kept databases a verified dump now covers; names the others (never dropped silently). */
  private async settleKeptBefore(warnings: RestoreWarning[]): Promise<void> {
    const kept = await this.kept.list().catch(() => []);
    for (const k of kept.filter((k) => k.dumpId !== null)) {
      await this.kept
        .drop(k.name)
        .then(() =>
          warnings.push({ key: 'restore.warn.keptDropped', params: { env: this.env, name: k.name, id: k.dumpId! } }),
        )
        .catch(() => undefined);
    }
    const left = kept.filter((k) => k.dumpId === null).map((k) => k.name);
    if (left.length > 0)
      warnings.push({
        key: 'restore.warn.keptListed',
        params: { env: this.env, envId: this.env, names: left.join(', ') },
      });
  }

  /** Identity and counters of the database in use; a database that is not (yet) ORCA names no clinic. */
  private async readCurrent(
    signal?: AbortSignal,
  ): Promise<{ identity: ClinicIdentity | null; sequences: Sequences | null }> {
    let client: PgClient;
    try {
      client = await connectDatabase(this.db, { env: this.env, signal });
    } catch (error) {
      if (isOrcaError(error)) throw error;
      return { identity: null, sequences: null };
    }
    try {
      const identity = await readDatabaseIdentity(client, toYmd(new Date()));
      const sequences = await readSequences(client, undefined, { env: this.env }).catch(() => null);
      return { identity, sequences };
    } catch (error) {
      throw mapQueryError(error, this.env);
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}
