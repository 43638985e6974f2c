/**
 * The 管理連番 in `tbl_syskanri` read and raised over SQL (ORCA-DATA.md §2.11, §3). Used by the direct-DB
 * environment adapter and by the lab's reference cloud server: keep these signatures stable.
 * Rows: hospnum 1, kanricd 0041/0042/1009, kbncd '*', valid today (styukymd <= today <= edyukymd).
 */
import type { Sequences } from '../../core/domain.js';
import { GuardError, UsageError } from '../../core/errors.js';
import {
  SEQUENCE_KANRICDS,
  parseSequences,
  raiseSequences,
  spliceSequences,
  type SequenceKanricd,
  type SequenceRows,
} from '../../core/sequences.js';
import { mapQueryError, type PgClient } from './connect.js';

export interface SequencesSqlOptions {
  /** Validity date `YYYYMMDD` (or a Date, read in local time); today by default. */
  today?: string | Date;
  /** Environment name for messages. */
  env?: string;
}

export interface BumpSqlOptions extends SequencesSqlOptions {
  /** Read and lock, compute, then roll back: nothing is written. */
  dryRun?: boolean;
}

export interface SequencesBump {
  before: Sequences;
  after: Sequences;
}

interface CounterRow {
  kanricd: SequenceKanricd;
  kanritbl: string | null;
  styukymd: string;
  edyukymd: string;
}

const SELECT_ROWS = `SELECT kanricd, kanritbl, styukymd, edyukymd FROM tbl_syskanri
  WHERE hospnum = 1 AND kanricd = ANY($1::text[]) AND kbncd = '*' AND styukymd <= $2 AND edyukymd >= $2`;

/** Reads the four counters without locking. Throws GuardError when a row is missing or duplicated. */
export async function readSequences(
  client: PgClient,
  today?: string | Date,
  opts: Omit<SequencesSqlOptions, 'today'> = {},
): Promise<Sequences> {
  const date = toYmd(today ?? new Date());
  const env = opts.env ?? 'database';
  try {
    const rows = await selectCounterRows(client, date, env, false);
    return parseSequences(rowsByKanricd(rows));
  } catch (error) {
    throw mapQueryError(error, env);
  }
}

/**
 * Raises the counters to at least `atLeast` in one transaction holding `SELECT … FOR UPDATE` on the three
 * rows, so concurrent bumps serialise and the final value is the largest asked for. Never lowers a counter;
 * rows whose values do not change are not written. With `dryRun` the transaction is rolled back.
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
    await client.query('BEGIN');
    open = true;
    const rows = await selectCounterRows(client, date, env, true);
    const texts = rowsByKanricd(rows);
    const before = parseSequences(texts);
    const after = raiseSequences(before, atLeast);
    if (!opts.dryRun) await writeCounterRows(client, rows, texts, spliceSequences(texts, after));
    await client.query(opts.dryRun ? 'ROLLBACK' : 'COMMIT');
    open = false;
    return { before, after };
  } catch (error) {
    if (open) await client.query('ROLLBACK').catch(() => undefined);
    throw mapQueryError(error, env);
  }
}

async function writeCounterRows(
  client: PgClient,
  rows: CounterRow[],
  texts: SequenceRows,
  spliced: SequenceRows,
): Promise<void> {
  const stamp = new Date();
  for (const row of rows) {
    const next = spliced[row.kanricd];
    if (next === texts[row.kanricd]) continue;
    await client.query(
      `UPDATE tbl_syskanri SET kanritbl = $1, upymd = $2, uphms = $3
        WHERE hospnum = 1 AND kanricd = $4 AND kbncd = '*' AND styukymd = $5 AND edyukymd = $6`,
      [next, toYmd(stamp), toHms(stamp), row.kanricd, row.styukymd, row.edyukymd],
    );
  }
}

async function selectCounterRows(client: PgClient, date: string, env: string, lock: boolean): Promise<CounterRow[]> {
  const sql = lock ? `${SELECT_ROWS} FOR UPDATE` : SELECT_ROWS;
  const result = await client.query<CounterRow>(sql, [[...SEQUENCE_KANRICDS], date]);
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
