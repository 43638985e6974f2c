/**
 * `RestoreTarget` for a directly reached database (local emergency VM, on-premises operating server):
 * the gates' facts from the server, the safety dump into the backup folder, the restore by staging + swap.
 */
import type { CatalogEntry } from '../../core/backup-catalog.js';
import type { DatabaseConfig } from '../../core/config-schema.js';
import type { EnvironmentName } from '../../core/domain.js';
import { GuardError, isOrcaError } from '../../core/errors.js';
import type {
  BackupFolder,
  RestoreOutcome,
  RestoreProgress,
  RestoreTarget,
  RestoreTargetFacts,
} from '../../core/ports.js';
import { makeDumpId } from '../../core/sync-plan.js';
import { connectDatabase, mapQueryError, type PgClient } from './connect.js';
import { connectMaintenance, restoreIntoDatabase } from './restore-db.js';

export interface PostgresRestoreTargetOptions {
  folder: BackupFolder;
  jobs?: number;
  now?: () => Date;
}

export class PostgresRestoreTarget implements RestoreTarget {
  readonly kind = 'postgres' as const;

  constructor(
    readonly env: EnvironmentName,
    private readonly db: DatabaseConfig,
    private readonly options: PostgresRestoreTargetOptions,
  ) {}

  /**
   * Server version, the clinic code of the database in use (if any), and the privileges the restore needs
   * (create databases; own the one it replaces) — refused with GuardError before anything is touched.
   */
  async inspect(signal?: AbortSignal): Promise<RestoreTargetFacts> {
    const admin = await connectMaintenance(this.db, this.env, signal);
    let facts: { version: string; num: number; createdb: boolean; owner: boolean | null };
    try {
      const { rows } = await admin.query<{ version: string; num: string; createdb: boolean; owner: boolean | null }>(
        `SELECT current_setting('server_version') AS version, current_setting('server_version_num') AS num,
                (SELECT rolcreatedb OR rolsuper FROM pg_roles WHERE rolname = current_user) AS createdb,
                (SELECT pg_has_role(current_user, datdba, 'MEMBER') FROM pg_database WHERE datname = $1) AS owner`,
        [this.db.database],
      );
      facts = { ...rows[0]!, num: Number(rows[0]!.num) };
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
    return {
      server: { version: facts.version.split(' ')[0]!, major: Math.floor(facts.num / 10_000) },
      institutionCode: exists ? await this.readInstitutionCode(signal) : null,
      canTakeSafetyDump: exists,
    };
  }

  async takeSafetyDump(signal?: AbortSignal): Promise<string> {
    const id = `${makeDumpId(this.env, (this.options.now ?? (() => new Date()))())}-safety`;
    const { entry } = await this.options.folder.dump(this.env, this.db, id, { signal });
    return entry.id;
  }

  restore(
    entry: CatalogEntry,
    onProgress: (progress: RestoreProgress) => void,
    signal?: AbortSignal,
  ): Promise<RestoreOutcome> {
    return restoreIntoDatabase(this.db, entry.dumpPath, {
      env: this.env,
      jobs: this.options.jobs,
      signal,
      onStep: (step) => onProgress({ step, fraction: null }),
    });
  }

  /** `tbl_sysbase.hospcd` of the lowest `grpnum`; null when the table, the column or a 10-digit code is missing. */
  private async readInstitutionCode(signal?: AbortSignal): Promise<string | null> {
    let client: PgClient;
    try {
      client = await connectDatabase(this.db, { env: this.env, signal });
    } catch (error) {
      if (isOrcaError(error)) throw error;
      return null;
    }
    try {
      const { rows } = await client.query<{ code: string | null }>(
        'SELECT hospcd AS code FROM tbl_sysbase ORDER BY grpnum LIMIT 1',
      );
      const code = rows[0]?.code?.trim() ?? '';
      return /^\d{10}$/.test(code) ? code : null;
    } catch (error) {
      // 42P01 undefined_table, 42703 undefined_column: a database that is not (yet) ORCA names no clinic.
      const code = (error as { code?: string }).code;
      if (code === '42P01' || code === '42703') return null;
      throw mapQueryError(error, this.env);
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}
