/**
 * ORCA's consistency rules for tests: the lab's checker (`src/lab/orca/check/`, also `lab check <env>`) plus
 * helpers to compare databases. `expectConsistent` fails with the broken rule and its offending rows.
 */
import type pg from 'pg';
import { checkOrcaInvariants } from '../../src/lab/orca/check/invariants.js';

export { checkOrcaInvariants };

/** Every check passes; otherwise the failing checks with their rows (so the test output says what broke). */
export async function expectConsistent(client: pg.Client): Promise<void> {
  const report = await checkOrcaInvariants(client);
  expect(report.checks.filter((c) => c.problems.length > 0)).toEqual([]);
}

/** The names of the checks that fail. */
export async function failingChecks(client: pg.Client): Promise<string[]> {
  const report = await checkOrcaInvariants(client);
  return report.checks.filter((c) => c.problems.length > 0).map((c) => c.name);
}

/** The largest numbers actually issued: outpatient slips, patient ids and patient-number serials. */
export async function issuedMaxima(client: pg.Client): Promise<{ slip: number; ptid: number; serial: number }> {
  const result = await client.query<{ slip: string | null; ptid: string | null; serial: string | null }>(`
    SELECT (SELECT max(denpnum) FROM tbl_jyurrk WHERE nyugaikbn = '2') AS slip,
           (SELECT max(ptid) FROM tbl_ptinf) AS ptid,
           (SELECT max(trim(ptnum)::bigint) FROM tbl_ptnum) AS serial`);
  const row = result.rows[0];
  return { slip: Number(row?.slip ?? 0), ptid: Number(row?.ptid ?? 0), serial: Number(row?.serial ?? 0) };
}

/** md5 of each table's rows in a stable order, for comparing two databases. */
export async function tableHashes(client: pg.Client, tables: readonly string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of tables) {
    const result = await client.query<{ hash: string | null }>(
      `SELECT md5(string_agg(t::text, E'\\n' ORDER BY t::text)) AS hash FROM ${table} t`,
    );
    out[table] = result.rows[0]?.hash ?? 'empty';
  }
  return out;
}
