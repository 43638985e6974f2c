/**
 * What `lab enter` reads before one ORCA action, into books (`book/`): the clinic's counter rows, the day's
 * 受付 and the receipt batches; a patient's own rows and those of the months the action touches (their
 * 剤, 受診履歴, slips, 算定履歴 — with each code's latest earlier row — and receipt marks). Plain SELECTs.
 */
import type pg from 'pg';
import { Book } from './book/book.js';
import { loadRows } from './book/sql-book.js';

const PATIENT_TABLES = [
  'tbl_ptnum',
  'tbl_ptinf',
  'tbl_pthkninf',
  'tbl_ptkohinf',
  'tbl_hkncombi',
  'tbl_srykarrk',
  'tbl_ptbyomei',
  'tbl_ptnyuinrrk',
];

export async function loadClinic(client: pg.Client, today: string): Promise<Book> {
  const clinic = new Book();
  await loadRows(client, clinic, 'tbl_syskanri', 'hospnum = 1', []);
  await loadRows(client, clinic, 'tbl_uketuke', 'hospnum = 1 AND ukeymd = $1', [today]);
  await loadRows(client, clinic, 'tbl_recekanri', 'hospnum = 1', []);
  return clinic;
}

/** `months` as `YYYYMM`; the month before the first is read for 受診履歴 too (receipt marks up to the 10th). */
export async function loadPatient(client: pg.Client, ptid: number, months: readonly string[]): Promise<Book> {
  const book = new Book();
  for (const table of PATIENT_TABLES) await loadRows(client, book, table, 'hospnum = 1 AND ptid = $1', [ptid]);
  const first = months[0] as string;
  const previous = first.endsWith('01') ? `${Number(first.slice(0, 4)) - 1}12` : String(Number(first) - 1);
  const all = [previous, ...months];
  const mains = await loadRows(client, book, 'tbl_sryacct_main', 'hospnum = 1 AND ptid = $1 AND sryym = ANY($2)', [
    ptid,
    months,
  ]);
  const zainums = mains.map((m) => m.zainum);
  await loadRows(client, book, 'tbl_sryacct_sub', 'hospnum = 1 AND ptid = $1 AND zainum = ANY($2)', [ptid, zainums]);
  await loadRows(client, book, 'tbl_ptcom', 'hospnum = 1 AND ptid = $1 AND zainum = ANY($2)', [ptid, zainums]);
  await loadRows(client, book, 'tbl_sryact', 'hospnum = 1 AND ptid = $1 AND sryym = ANY($2)', [ptid, months]);
  await loadRows(client, book, 'tbl_sryacctplus', 'hospnum = 1 AND ptid = $1 AND sryym = ANY($2)', [ptid, months]);
  const visits = await loadRows(
    client,
    book,
    'tbl_jyurrk',
    'hospnum = 1 AND ptid = $1 AND substr(sryymd, 1, 6) = ANY($2)',
    [ptid, all],
  );
  const slips = [...new Set(visits.map((v) => v.denpnum).filter((d) => Number(d) !== 0))];
  for (const table of ['tbl_syunou_main', 'tbl_syunou_nyuin', 'tbl_syumei', 'tbl_syurrk', 'tbl_syutotal']) {
    await loadRows(client, book, table, 'hospnum = 1 AND ptid = $1 AND denpnum = ANY($2)', [ptid, slips]);
  }
  await loadRows(client, book, 'tbl_receupd', 'hospnum = 1 AND ptid = $1 AND sryym = ANY($2)', [ptid, all]);
  await loadRows(client, book, 'tbl_santei', 'hospnum = 1 AND ptid = $1 AND sryym = ANY($2)', [ptid, months]);
  await loadRows(
    client,
    book,
    'tbl_santei',
    `(hospnum, ptid, srycd, nyugaikbn, sryka, hkncombinum, sryym) IN (
       SELECT DISTINCT ON (srycd, nyugaikbn, sryka, hkncombinum) hospnum, ptid, srycd, nyugaikbn, sryka, hkncombinum, sryym
         FROM tbl_santei WHERE hospnum = 1 AND ptid = $1 AND sryym < $2
        ORDER BY srycd, nyugaikbn, sryka, hkncombinum, sryym DESC)`,
    [ptid, first],
  );
  return book;
}

/** Which of `numbers` are registered patient numbers (ORCSPTID), for ORCSP01's skip of a used number. */
export async function registeredNumbers(client: pg.Client, numbers: readonly string[]): Promise<Set<string>> {
  const result = await client.query<{ ptnum: string }>(
    'SELECT trim(ptnum) AS ptnum FROM tbl_ptnum WHERE hospnum = 1 AND trim(ptnum) = ANY($1)',
    [[...numbers]],
  );
  return new Set(result.rows.map((r) => r.ptnum));
}
