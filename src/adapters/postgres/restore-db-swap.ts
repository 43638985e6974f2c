/**
 * The side databases of a local restore and the swap by rename (RELIABILITY.md lesson 8). A restore loads
 * into `<db>_orcahy_stg_<run>`; the swap renames the database in use to `<db>_orcahy_old_<run>`, the staging
 * one to `<db>`, and drops the old one only after that succeeded. A run killed anywhere leaves names that
 * the next run recognises: `recoverLeftovers` renames an orphaned old database back (when `<db>` is
 * missing), re-opens `<db>` to connections and drops every staging and old database.
 */
import { randomBytes } from 'node:crypto';
import { UnexpectedError } from '../../core/errors.js';
import type { PgClient } from './connect.js';

const MARK = '_orcahy_';

/** A PostgreSQL identifier in double quotes (any name, quotes doubled). */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Names of this run's staging database and of the old database during the swap (≤ 63 bytes). */
export function sideNames(target: string): { staging: string; old: string } {
  const run = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const prefix = sidePrefix(target);
  return { staging: `${prefix}stg_${run}`, old: `${prefix}old_${run}` };
}

function sidePrefix(target: string): string {
  let base = target;
  while (Buffer.byteLength(base) > 36) base = base.slice(0, -1);
  return `${base}${MARK}`;
}

export async function databaseExists(admin: PgClient, name: string): Promise<boolean> {
  return ((await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount ?? 0) > 0;
}

/** What an earlier, interrupted run left and what was done about it (catalog keys for warnings). */
export interface LeftoverReport {
  renamedBack: string | null;
  dropped: string[];
}

/** Repairs what a killed or failed run left (see the file comment). Safe to run when nothing is left. */
export async function recoverLeftovers(admin: PgClient, target: string): Promise<LeftoverReport> {
  const prefix = sidePrefix(target);
  const like = prefix.replace(/[\\%_]/g, (c) => `\\${c}`) + '%';
  const { rows } = await admin.query<{ datname: string; datallowconn: boolean }>(
    'SELECT datname, datallowconn FROM pg_database WHERE datname LIKE $1 OR datname = $2 ORDER BY oid',
    [like, target],
  );
  const leftovers = rows.filter((r) => r.datname !== target);
  if (leftovers.length === 0) return { renamedBack: null, dropped: [] };
  const report: LeftoverReport = { renamedBack: null, dropped: [] };
  const current = rows.find((r) => r.datname === target);
  const olds = leftovers.filter((r) => r.datname.startsWith(`${prefix}old_`));
  if (!current && olds.length > 0) {
    // Killed between the two renames: the old database is the clinic's data; give it its name back.
    const back = olds[olds.length - 1]!.datname;
    await admin.query(`ALTER DATABASE ${quoteIdent(back)} RENAME TO ${quoteIdent(target)}`);
    report.renamedBack = back;
  }
  if (report.renamedBack !== null || current?.datallowconn === false) {
    await admin.query(`ALTER DATABASE ${quoteIdent(target)} ALLOW_CONNECTIONS true`);
  }
  for (const { datname } of leftovers) {
    if (datname === report.renamedBack) continue;
    await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(datname)} WITH (FORCE)`);
    report.dropped.push(datname);
  }
  return report;
}

/**
 * Puts `staging` in `target`'s place. Until the staging database has the target's name, every failure
 * undoes what was done (old name back, connections allowed) and rethrows: the database in use is as it
 * was. Only when that undo fails too is `restore.swapUndoFailed` thrown (the next run repairs it).
 * Returns whether there was an old database (now named `old`) for `dropOld` to remove.
 */
export async function swapIn(
  admin: PgClient,
  target: string,
  staging: string,
  old: string,
): Promise<{ oldExists: boolean }> {
  const exists = await databaseExists(admin, target);
  if (exists) {
    await admin.query(`ALTER DATABASE ${quoteIdent(target)} ALLOW_CONNECTIONS false`);
    try {
      await renameWhenFree(admin, target, old);
    } catch (error) {
      await admin.query(`ALTER DATABASE ${quoteIdent(target)} ALLOW_CONNECTIONS true`).catch(() => undefined);
      throw error;
    }
  }
  try {
    await admin.query(`ALTER DATABASE ${quoteIdent(staging)} RENAME TO ${quoteIdent(target)}`);
  } catch (error) {
    if (exists) await undoRename(admin, target, old, error);
    throw error;
  }
  return { oldExists: exists };
}

/** Drops the database the swap replaced; false when it could not (only a warning: the next run retries). */
export async function dropOld(admin: PgClient, old: string): Promise<boolean> {
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(old)} WITH (FORCE)`);
    return true;
  } catch {
    return false;
  }
}

async function undoRename(admin: PgClient, target: string, old: string, cause: unknown): Promise<void> {
  try {
    await admin.query(`ALTER DATABASE ${quoteIdent(old)} RENAME TO ${quoteIdent(target)}`);
    await admin.query(`ALTER DATABASE ${quoteIdent(target)} ALLOW_CONNECTIONS true`);
  } catch {
    throw new UnexpectedError({
      key: 'restore.swapUndoFailed',
      params: { target, old },
      hintKey: 'restore.swapUndoFailed.hint',
      cause,
    });
  }
}

/** Closes the sessions on `from` and renames it, retrying while terminated sessions are still exiting. */
async function renameWhenFree(admin: PgClient, from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    await admin.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [from],
    );
    try {
      await admin.query(`ALTER DATABASE ${quoteIdent(from)} RENAME TO ${quoteIdent(to)}`);
      return;
    } catch (error) {
      // 55006 object_in_use: a session has not exited yet.
      if ((error as { code?: string }).code !== '55006' || attempt >= 100) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
