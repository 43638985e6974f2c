/**
 * What `status` says about the leftovers of restores into a directly reached database: the databases
 * earlier restores kept (never dropped silently), and a database in use left closed to connections by a
 * restore killed during its swap — which `status` re-opens when no run holds the tool's lock.
 */
import type { DatabaseConfig } from '../../core/config-schema.js';
import type { EnvironmentName } from '../../core/domain.js';
import { mapQueryError } from './connect.js';
import { connectMaintenance } from './restore-db.js';
import { reopenDatabase, sidePattern } from './restore-db-swap.js';

export interface RestoreLeftovers {
  kept: string[];
  /** The database in use was closed to connections and has been re-opened now. */
  reopened: boolean;
}

export async function inspectRestoreLeftovers(
  env: EnvironmentName,
  db: DatabaseConfig,
  options: { repair: boolean; signal?: AbortSignal },
): Promise<RestoreLeftovers> {
  const admin = await connectMaintenance(db, env, options.signal);
  try {
    const { rows } = await admin.query<{ datname: string; datallowconn: boolean }>(
      'SELECT datname, datallowconn FROM pg_database WHERE datname LIKE $1 OR datname = $2 ORDER BY oid',
      [sidePattern(db.database, 'old'), db.database],
    );
    const closed = rows.some((r) => r.datname === db.database && !r.datallowconn);
    if (closed && options.repair) await reopenDatabase(admin, db.database);
    return {
      kept: rows.filter((r) => r.datname !== db.database).map((r) => r.datname),
      reopened: closed && options.repair,
    };
  } catch (error) {
    throw mapQueryError(error, env);
  } finally {
    await admin.end().catch(() => undefined);
  }
}
