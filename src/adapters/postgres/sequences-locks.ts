/**
 * Who holds the counter rows when a bump could not lock them: the other sessions holding a row-level lock
 * mode on `tbl_syskanri` (an UPDATE holds ROW EXCLUSIVE until its transaction ends, a `SELECT … FOR
 * UPDATE` ROW SHARE), named by user, client, application and how long their transaction has been open.
 */
import type { PgClient } from './connect.js';

export async function describeLockHolders(client: PgClient): Promise<string> {
  const { rows } = await client.query<{ pid: number; who: string; app: string; seconds: string | null }>(
    `SELECT a.pid, a.usename || '@' || coalesce(a.client_addr::text, 'local') AS who,
            coalesce(nullif(a.application_name, ''), '-') AS app,
            floor(extract(epoch FROM now() - a.xact_start))::text AS seconds
       FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE l.relation = to_regclass('tbl_syskanri') AND l.mode IN ('RowExclusiveLock', 'RowShareLock')
        AND l.granted AND a.pid <> pg_backend_pid()
      ORDER BY a.xact_start LIMIT 5`,
  );
  if (rows.length === 0) return '?';
  return rows.map((r) => `pid ${r.pid} ${r.who} (${r.app}, ${r.seconds ?? '?'} s)`).join(', ');
}
