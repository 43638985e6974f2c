/**
 * The databases a restore replaced and kept (`<db>_orcahy_old_<run>`, see `restore-db-swap.ts`): listed
 * with their size and the catalog's verified dump of them, dumped into the catalog, dropped. A kept
 * database is dropped only after a verified dump of it is in the catalog — by the restore that replaced
 * it, by the next restore when it finds such a dump, or by `restore --drop-kept`, which dumps first.
 */
import type { DatabaseConfig, EnvironmentName } from '../../core/config-schema.js';
import type { BackupFolder, KeptDatabase, KeptDatabases } from '../../core/ports.js';
import { makeDumpId } from '../../core/sync-plan.js';
import { mapQueryError, type PgClient } from './connect.js';
import { connectMaintenance } from './restore-db.js';
import { quoteIdent, runOf, sidePattern } from './restore-db-swap.js';

/** The catalog id of the safety dump of a kept database: it names the restore run that replaced it. */
export function safetyDumpId(env: EnvironmentName, keptName: string, now: Date): string {
  const run = runOf(keptName)?.run;
  return `${makeDumpId(env, now)}-safety${run ? `-${run}` : ''}`;
}

export class PostgresKeptDatabases implements KeptDatabases {
  constructor(
    private readonly env: EnvironmentName,
    private readonly db: DatabaseConfig,
    private readonly folder: BackupFolder,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async list(signal?: AbortSignal): Promise<KeptDatabase[]> {
    const rows = await this.withAdmin(
      signal,
      async (admin) =>
        (
          await admin.query<{ name: string; bytes: string }>(
            `SELECT datname AS name, pg_database_size(oid)::text AS bytes FROM pg_database
            WHERE datname LIKE $1 ORDER BY oid`,
            [sidePattern(this.db.database, 'old')],
          )
        ).rows,
    );
    const { entries } = await this.folder.read();
    return rows.map(({ name, bytes }) => {
      const run = runOf(name);
      const dump = run
        ? entries.find((e) => e.verified && e.source === this.env && e.id.endsWith(`-safety-${run.run}`))
        : undefined;
      return { name, replacedAt: run?.at?.toISOString() ?? null, bytes: Number(bytes), dumpId: dump?.id ?? null };
    });
  }

  /** Dumps a kept database into the catalog (verified) and returns the backup id. */
  async dump(name: string, signal?: AbortSignal): Promise<string> {
    // The swap left it closed to connections; only pg_dump connects to it by this name.
    await this.withAdmin(signal, (admin) => admin.query(`ALTER DATABASE ${quoteIdent(name)} ALLOW_CONNECTIONS true`));
    const id = safetyDumpId(this.env, name, this.now());
    const { entry } = await this.folder.dump(this.env, { ...this.db, database: name }, id, { signal });
    return entry.id;
  }

  async drop(name: string, signal?: AbortSignal): Promise<void> {
    await this.withAdmin(signal, (admin) => admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`));
  }

  private async withAdmin<T>(signal: AbortSignal | undefined, fn: (admin: PgClient) => Promise<T>): Promise<T> {
    const admin = await connectMaintenance(this.db, this.env, signal);
    try {
      return await fn(admin);
    } catch (error) {
      throw mapQueryError(error, this.env);
    } finally {
      await admin.end().catch(() => undefined);
    }
  }
}
