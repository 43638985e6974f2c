/**
 * What the restore does to the staging database before it is swapped in: the clean-up WebORCA's own
 * importer does after an import (`bin/onpre_db_import.sh` `db_dump`: drop `aps_migrations` and
 * `ap_server_ld_processes`, empty the session, lock and job tables; docs/orca-data.md §2), and the checks
 * that the result is a usable ORCA database (key tables answer, the 管理連番 rows parse).
 */
import { GuardError, UnexpectedError, isOrcaError } from '../../core/errors.js';
import type { PgClient } from './connect.js';
import { quoteIdent } from './restore-db-swap.js';
import { readSequences } from './sequences-sql.js';

/** Tables WebORCA's importer drops (`DROP TABLE IF EXISTS … CASCADE`). */
export const WEBORCA_DROPPED_TABLES = ['aps_migrations', 'ap_server_ld_processes'] as const;
/** Tables WebORCA's importer empties (`TRUNCATE`), in its order. */
export const WEBORCA_SESSION_TABLES = [
  'monbatch_log',
  'monbatch_clog',
  'tbl_para',
  'tbl_spa_tmp',
  'tbl_api_para',
  'tbl_lock',
  'monbatch',
  'tbl_jobkanri',
  'monpushevent',
] as const;
/** Tables a restored ORCA database must have and let us read. */
export const KEY_TABLES = [
  'tbl_syskanri',
  'tbl_sysbase',
  'tbl_dbkanri',
  'tbl_ptnum',
  'tbl_ptinf',
  'tbl_jyurrk',
] as const;

/** The importer's clean-up, on the tables that exist (the importer ignores the errors of missing ones). */
export async function cleanLikeWebOrca(client: PgClient): Promise<void> {
  const present = async (names: readonly string[]): Promise<string[]> =>
    (
      await client.query<{ name: string }>(
        `SELECT format('%I.%I', schemaname, tablename) AS name FROM pg_tables
          WHERE schemaname = ANY(current_schemas(false)) AND tablename = ANY($1::text[])`,
        [[...names]],
      )
    ).rows.map((r) => r.name);
  const dropped = await present(WEBORCA_DROPPED_TABLES);
  if (dropped.length > 0) await client.query(`DROP TABLE IF EXISTS ${dropped.join(', ')} CASCADE`);
  const emptied = await present(WEBORCA_SESSION_TABLES);
  if (emptied.length > 0) await client.query(`TRUNCATE ${emptied.join(', ')}`);
}

/** The key tables answer a query and the 管理連番 rows parse: the restored database is usable. */
export async function checkRestored(client: PgClient): Promise<void> {
  const { rows } = await client.query<{ name: string }>(
    "SELECT relname AS name FROM pg_class WHERE relname = ANY($1::text[]) AND relkind IN ('r', 'p')",
    [[...KEY_TABLES]],
  );
  const missing = KEY_TABLES.filter((t) => !rows.some((r) => r.name === t));
  if (missing.length > 0)
    throw new GuardError({
      key: 'restore.check.missingTables',
      params: { tables: missing.join(', ') },
      hintKey: 'restore.check.missingTables.hint',
    });
  for (const table of KEY_TABLES) await client.query(`SELECT 1 FROM ${quoteIdent(table)} LIMIT 1`);
  try {
    await readSequences(client, undefined, { env: 'staging' });
  } catch (error) {
    if (isOrcaError(error)) throw error;
    throw new UnexpectedError({ key: 'restore.check.counters', cause: error });
  }
}
