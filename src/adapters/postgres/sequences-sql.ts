/**
 * The 管理連番 in `tbl_syskanri` read and raised over SQL (docs/orca-data.md §3). Used by the direct-DB
 * environment adapter and by the lab's reference cloud server: keep these signatures stable.
 * Rows: the clinic's hospnum (the only one in `tbl_sysbase`), kanricd 0041/0042/1009, kbncd '*', valid
 * today (styukymd <= today <= edyukymd).
 */
import type { Sequences } from '../../core/domain.js';
import { GuardError, LockedError, UsageError } from '../../core/errors.js';
import { counterLimits, parsePatientNumberLayout, type PatientNumberLayout } from '../../core/counter-limits.js';
import {
  SEQUENCE_KANRICDS,
  parseSequences,
  raiseSequences,
  spliceSequences,
  type SequenceKanricd,
  type SequenceRows,
} from '../../core/sequences.js';
import { mapQueryError, type PgClient } from './connect.js';
import { describeLockHolders } from './sequences-locks.js';

export interface SequencesSqlOptions {
  /** Validity date `YYYYMMDD` (or a Date, read in local time); today by default. */
  today?: string | Date;
  /** Environment name for messages. */
  env?: string;
}

export interface BumpSqlOptions extends SequencesSqlOptions {
  /** Read and lock, compute, then roll back: nothing is written. */
  dryRun?: boolean;
  /** How long to wait for a row lock another session holds; 5 s by default. */
  lockTimeoutMs?: number;
}

export interface SequencesBump {
  before: Sequences;
  /** Read back after the commit (or, for a dry run, the computed values). */
  after: Sequences;
}

interface CounterRow {
  kanricd: SequenceKanricd;
  kanritbl: string | null;
  styukymd: string;
  edyukymd: string;
}

const SELECT_ROWS = `SELECT kanricd, kanritbl, styukymd, edyukymd FROM tbl_syskanri
  WHERE hospnum = $3 AND kanricd = ANY($1::text[]) AND kbncd = '*' AND styukymd <= $2 AND edyukymd >= $2`;

/** Reads the four counters without locking. Throws GuardError when a row is missing or duplicated. */
export async function readSequences(
  client: PgClient,
  today?: string | Date,
  opts: Omit<SequencesSqlOptions, 'today'> = {},
): Promise<Sequences> {
  return (await readCounters(client, today, opts)).values;
}

/** The 1009 row's patient-number layout (which RENNUM digits make the number). */
export async function readPatientNumberLayout(
  client: PgClient,
  today?: string | Date,
  opts: Omit<SequencesSqlOptions, 'today'> = {},
): Promise<PatientNumberLayout> {
  return parsePatientNumberLayout((await readCounters(client, today, opts)).rows['1009']);
}

async function readCounters(
  client: PgClient,
  today: string | Date | undefined,
  opts: Omit<SequencesSqlOptions, 'today'>,
): Promise<{ values: Sequences; rows: SequenceRows }> {
  const date = toYmd(today ?? new Date());
  const env = opts.env ?? 'database';
  try {
    const hospnum = await clinicHospnum(client, env);
    const rows = rowsByKanricd(await selectCounterRows(client, date, hospnum, env, false));
    return { values: parseSequences(rows), rows };
  } catch (error) {
    throw mapQueryError(error, env);
  }
}

/**
 * Raises the counters to at least `atLeast` in one transaction holding `SELECT … FOR UPDATE` on the three
 * rows, and waiting at most `lockTimeoutMs` for a row another session holds (LockedError, exit 7, naming
 * the holders). ORCA reads these rows without a lock and writes the whole row back at REPEATABLE READ, so
 * once this commits, an ORCA transaction that read the row before fails instead of undoing the bump; a
 * bump that waited for ORCA's write reads ORCA's number, never an older one. Never lowers a counter, never
 * raises one past what ORCA can issue (the 1009 layout's digits); rows whose values do not change are not
 * written. `after` is read back after the commit. With `dryRun` the transaction is rolled back.
 */
export async function bumpSequencesSql(
  client: PgClient,
  atLeast: Partial<Sequences>,
  opts: BumpSqlOptions = {},
): Promise<SequencesBump> {
  const date = toYmd(opts.today ?? new Date());
  const env = opts.env ?? 'database';
  let open = false;
  try {
    const hospnum = await clinicHospnum(client, env);
    await client.query('BEGIN');
    open = true;
    await client.query(`SET LOCAL lock_timeout = ${Math.max(1, Math.round(opts.lockTimeoutMs ?? 5_000))}`);
    const rows = await selectCounterRows(client, date, hospnum, env, true);
    const texts = rowsByKanricd(rows);
    const before = parseSequences(texts);
    const after = raiseSequences(before, atLeast, counterLimits(parsePatientNumberLayout(texts['1009'])));
    if (!opts.dryRun) await writeCounterRows(client, rows, hospnum, texts, spliceSequences(texts, after));
    await client.query(opts.dryRun ? 'ROLLBACK' : 'COMMIT');
    open = false;
    if (opts.dryRun) return { before, after };
    return { before, after: (await readCounters(client, date, { env })).values };
  } catch (error) {
    if (open) await client.query('ROLLBACK').catch(() => undefined);
    // 55P03 lock_not_available: the lock_timeout passed while another session held a counter row.
    if ((error as { code?: string }).code === '55P03')
      throw new LockedError({
        key: 'sequences.rowsLocked',
        params: { env, holders: await describeLockHolders(client).catch(() => '?') },
        hintKey: 'sequences.rowsLocked.hint',
        cause: error,
      });
    throw mapQueryError(error, env);
  }
}

/** The clinic's hospnum: the only one in `tbl_sysbase` (a database of several clinics is refused). */
export async function clinicHospnum(client: PgClient, env: string): Promise<number> {
  const { rows } = await client
    .query<{ hospnum: string }>('SELECT DISTINCT hospnum::text AS hospnum FROM tbl_sysbase ORDER BY 1')
    .catch((error: unknown) => {
      if ((error as { code?: string }).code === '42P01') return { rows: [] as { hospnum: string }[] };
      throw error;
    });
  if (rows.length === 1) return Number(rows[0]!.hospnum);
  throw new GuardError({
    key: rows.length === 0 ? 'sequences.noClinic' : 'sequences.severalClinics',
    params: { env, hospnums: rows.map((r) => r.hospnum).join(', ') },
    hintKey: rows.length === 0 ? 'sequences.noClinic.hint' : 'sequences.severalClinics.hint',
  });
}

async function writeCounterRows(
  client: PgClient,
  rows: CounterRow[],
  hospnum: number,
  texts: SequenceRows,
  spliced: SequenceRows,
): Promise<void> {
  const stamp = new Date();
  for (const row of rows) {
    const next = spliced[row.kanricd];
    if (next === texts[row.kanricd]) continue;
    await client.query(
      `UPDATE tbl_syskanri SET kanritbl = $1, upymd = $2, uphms = $3
        WHERE hospnum = $7 AND kanricd = $4 AND kbncd = '*' AND styukymd = $5 AND edyukymd = $6`,
      [next, toYmd(stamp), toHms(stamp), row.kanricd, row.styukymd, row.edyukymd, hospnum],
    );
  }
}

async function selectCounterRows(
  client: PgClient,
  date: string,
  hospnum: number,
  env: string,
  lock: boolean,
): Promise<CounterRow[]> {
  const sql = lock ? `${SELECT_ROWS} FOR UPDATE` : SELECT_ROWS;
  const result = await client.query<CounterRow>(sql, [[...SEQUENCE_KANRICDS], date, hospnum]);
  const seen = new Map<string, number>();
  for (const row of result.rows) seen.set(row.kanricd, (seen.get(row.kanricd) ?? 0) + 1);
  const missing = SEQUENCE_KANRICDS.filter((code) => !seen.has(code));
  if (missing.length > 0) {
    throw new GuardError({
      key: 'sequences.rowsMissing',
      params: { env, date, missing: missing.join(', ') },
      hintKey: 'sequences.rowsMissing.hint',
    });
  }
  const duplicated = [...seen].find(([, count]) => count > 1);
  if (duplicated !== undefined) {
    throw new GuardError({
      key: 'sequences.rowsDuplicated',
      params: { env, date, kanricd: duplicated[0] },
      hintKey: 'sequences.rowsDuplicated.hint',
    });
  }
  return result.rows;
}

function rowsByKanricd(rows: CounterRow[]): SequenceRows {
  const out: SequenceRows = { '0041': null, '0042': null, '1009': null };
  for (const row of rows) out[row.kanricd] = row.kanritbl;
  return out;
}

const pad = (value: number, length = 2): string => String(value).padStart(length, '0');

/** `YYYYMMDD` in local time (ORCA's dates are the clinic's local calendar). */
export function toYmd(value: string | Date): string {
  if (typeof value === 'string') {
    if (!/^\d{8}$/.test(value)) throw new UsageError({ key: 'sequences.invalidDate', params: { value } });
    return value;
  }
  return `${value.getFullYear()}${pad(value.getMonth() + 1)}${pad(value.getDate())}`;
}

function toHms(value: Date): string {
  return `${pad(value.getHours())}${pad(value.getMinutes())}${pad(value.getSeconds())}`;
}
