/**
 * The side databases of a local restore and the swap by rename (RELIABILITY.md lesson 8). A restore loads
 * into `<db>_orcahy_stg_<run>`; the swap closes the database in use to new connections, ends its sessions
 * and, in one transaction, renames it to `<db>_orcahy_old_<run>` and the staging one to `<db>`: there is
 * never a moment without `<db>`. A run killed anywhere leaves names the next run (or `status`) recognises:
 * `recoverLeftovers` re-opens `<db>` to connections, renames an orphaned old database back when `<db>` is
 * missing and drops staging databases. Old databases are never dropped here: see `restore-kept.ts`.
 */
import { randomBytes } from 'node:crypto';
import { UnexpectedError } from '../../core/errors.js';
import type { PgClient } from './connect.js';

const MARK = '_orcahy_';
/** How long the swap waits for a lock on a database before it gives up (and undoes what it did). */
const SWAP_LOCK_TIMEOUT = '30s';

/** A PostgreSQL identifier in double quotes (any name, quotes doubled). */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Names of this run's staging database and of the old database during the swap (≤ 63 bytes). */
export function sideNames(target: string, now: Date = new Date()): { staging: string; old: string; run: string } {
  const run = `${now.getTime().toString(36)}${randomBytes(2).toString('hex')}`;
  const prefix = sidePrefix(target);
  return { staging: `${prefix}stg_${run}`, old: `${prefix}old_${run}`, run };
}

export function sidePrefix(target: string): string {
  let base = target;
  while (Buffer.byteLength(base) > 36) base = base.slice(0, -1);
  return `${base}${MARK}`;
}

/** `LIKE` pattern of the side databases of one kind (`stg` or `old`) of `target`. */
export function sidePattern(target: string, kind: 'stg' | 'old'): string {
  return `${sidePrefix(target)}${kind}_`.replace(/[\\%_]/g, (c) => `\\${c}`) + '%';
}

/** The run tag of a side database name, and the time it encodes (null when it is not one of ours). */
export function runOf(name: string): { run: string; at: Date | null } | null {
  const match = /_orcahy_(?:stg|old)_([0-9a-z]+?)([0-9a-f]{4})$/.exec(name);
  if (!match) return null;
  const ms = parseInt(match[1]!, 36);
  return { run: match[1]! + match[2]!, at: Number.isSafeInteger(ms) && ms > 0 ? new Date(ms) : null };
}

export async function databaseExists(admin: PgClient, name: string): Promise<boolean> {
  return ((await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount ?? 0) > 0;
}

/** What an earlier, interrupted run left and what was done about it (catalog keys for warnings). */
export interface LeftoverReport {
  renamedBack: string | null;
  reopened: boolean;
  dropped: string[];
}

/** Repairs what a killed or failed run left (see the file comment). Safe to run when nothing is left. */
export async function recoverLeftovers(admin: PgClient, target: string): Promise<LeftoverReport> {
  const report: LeftoverReport = { renamedBack: null, reopened: false, dropped: [] };
  const { rows } = await admin.query<{ datname: string; datallowconn: boolean }>(
    'SELECT datname, datallowconn FROM pg_database WHERE datname LIKE $1 OR datname LIKE $2 OR datname = $3 ORDER BY oid',
    [sidePattern(target, 'stg'), sidePattern(target, 'old'), target],
  );
  const current = rows.find((r) => r.datname === target);
  const olds = rows.filter((r) => r.datname.startsWith(`${sidePrefix(target)}old_`));
  if (!current && olds.length > 0) {
    // Only a run of an older release (two separate renames) could leave this: the old one is the clinic's data.
    const back = olds[olds.length - 1]!.datname;
    await admin.query(`ALTER DATABASE ${quoteIdent(back)} RENAME TO ${quoteIdent(target)}`);
    report.renamedBack = back;
  }
  if (report.renamedBack !== null || current?.datallowconn === false) {
    await reopenDatabase(admin, target);
    report.reopened = true;
  }
  for (const { datname } of rows.filter((r) => r.datname.startsWith(`${sidePrefix(target)}stg_`))) {
    await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(datname)} WITH (FORCE)`);
    report.dropped.push(datname);
  }
  return report;
}

/** Allows connections to `name` again (what a swap interrupted before its rename left closed). */
export async function reopenDatabase(admin: PgClient, name: string): Promise<void> {
  await admin.query(`ALTER DATABASE ${quoteIdent(name)} ALLOW_CONNECTIONS true`);
}

/** A session the swap ended: who was still connected to the database in use. */
export interface ClosedSession {
  user: string;
  application: string;
  client: string;
}

/**
 * Puts `staging` in `target`'s place (see the file comment). Any failure leaves `target` as it was and
 * re-opens it; only when re-opening fails too is `restore.swapUndoFailed` thrown (the next `restore` or
 * `status` re-opens it). Returns whether there was a database in use (now named `old`) and whom it closed.
 */
export async function swapIn(
  admin: PgClient,
  target: string,
  staging: string,
  old: string,
): Promise<{ oldExists: boolean; closed: ClosedSession[] }> {
  if (!(await databaseExists(admin, target))) {
    await admin.query(`ALTER DATABASE ${quoteIdent(staging)} RENAME TO ${quoteIdent(target)}`);
    return { oldExists: false, closed: [] };
  }
  await admin.query(`ALTER DATABASE ${quoteIdent(target)} ALLOW_CONNECTIONS false`);
  try {
    const closed = await renameBothWhenFree(admin, target, staging, old);
    return { oldExists: true, closed };
  } catch (error) {
    try {
      await admin.query(`ALTER DATABASE ${quoteIdent(target)} ALLOW_CONNECTIONS true`);
    } catch {
      throw new UnexpectedError({
        key: 'restore.swapUndoFailed',
        params: { target },
        hintKey: 'restore.swapUndoFailed.hint',
        cause: error,
      });
    }
    throw error;
  }
}

/** Ends the sessions on `target` and renames both databases in one transaction, retrying while they exit. */
async function renameBothWhenFree(
  admin: PgClient,
  target: string,
  staging: string,
  old: string,
): Promise<ClosedSession[]> {
  const closed: ClosedSession[] = [];
  for (let attempt = 0; ; attempt++) {
    const { rows } = await admin.query<ClosedSession & { ended: boolean }>(
      `SELECT usename AS user, application_name AS application, coalesce(client_addr::text, 'local') AS client,
              pg_terminate_backend(pid) AS ended
         FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
      [target],
    );
    // Later rounds only catch sessions still exiting from the first: new ones cannot connect any more.
    if (attempt === 0) closed.push(...rows.map(({ user, application, client }) => ({ user, application, client })));
    try {
      await admin.query('BEGIN');
      await admin.query(`SET LOCAL lock_timeout = '${SWAP_LOCK_TIMEOUT}'`);
      await admin.query(`ALTER DATABASE ${quoteIdent(target)} RENAME TO ${quoteIdent(old)}`);
      await admin.query(`ALTER DATABASE ${quoteIdent(staging)} RENAME TO ${quoteIdent(target)}`);
      await admin.query('COMMIT');
      return closed;
    } catch (error) {
      await admin.query('ROLLBACK').catch(() => undefined);
      // 55006 object_in_use: a session has not exited yet.
      if ((error as { code?: string }).code !== '55006' || attempt >= 100) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** Drops a database; false when it could not (the caller keeps it listed). */
export async function dropDatabase(admin: PgClient, name: string): Promise<boolean> {
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
    return true;
  } catch {
    return false;
  }
}
