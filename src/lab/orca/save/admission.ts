/**
 * An admission, minimal but as ORCA writes it. 入退院登録 (ORCGI01) adds a `tbl_ptnyuinrrk` history row and
 * sets `tbl_ptinf.rrknum`/`rrkedanum` to the latest history (`4801-PTINF-UPD-SEC`). Inpatient 診療行為
 * (K08 → ORCSCNYUIN) go through the same identical-剤 check and 剤 rows with 入外 '1'; their count goes to
 * day table 2 (3 on a same-day readmission), and each day has one 受診履歴 row per insurance (`rennum` 1,
 * `kaikei_rennum` 1, `denpnum` 0) whose free slots take the day's 剤 (`20012-JYURRK-KOUSIN-SEC`, 枝番 + 1
 * when full, at most 9). No 0041 number and no 収納 at input: the inpatient slip comes from 入院会計
 * (ORCGI04 `4801-DENPNUM-SET-SEC`: 0042 + 1 on the system date) with `tbl_syunou_main` + `tbl_syunou_nyuin`.
 */
import type { ZaiTemplate } from '../clinic-catalog.js';
import type { Book } from '../book/book.js';
import { orcaRow, type Row } from '../orca-row.js';
import { created, updated, type Audit } from './audit.js';
import { issueInpatientSlip } from './counters.js';
import { writeNewSlip } from './slips.js';
import { srykbnColumn } from './visit-rows.js';
import { saveZai } from './zai-save.js';

export interface AdmissionInput {
  ptid: number;
  sryka: string;
  drcd: string;
  hkncombinum: string;
  btunum: string;
  brmnum: string;
  nyuinymd: string;
}

export function admit(book: Book, a: AdmissionInput, audit: Audit): { rrknum: number; rrkedanum: number } {
  const history = book.find('tbl_ptnyuinrrk', { hospnum: 1, ptid: a.ptid });
  const rrknum = history.reduce((max, r) => Math.max(max, Number(r.rrknum)), 0) + 1;
  book.insert(
    'tbl_ptnyuinrrk',
    orcaRow('tbl_ptnyuinrrk', {
      hospnum: 1,
      ptid: a.ptid,
      rrknum,
      rrkedanum: 1,
      btunum: a.btunum,
      brmnum: a.brmnum,
      nyuinka: a.sryka,
      hkncombinum: a.hkncombinum,
      nyuinymd: a.nyuinymd,
      drcd1: a.drcd,
      ...created(audit),
    }),
  );
  const ptinf = book.get('tbl_ptinf', { hospnum: 1, ptid: a.ptid });
  if (!ptinf) throw new Error(`tbl_ptinf has no patient ${a.ptid}`);
  book.update('tbl_ptinf', { ...ptinf, rrknum, rrkedanum: 1, ...updated(audit) });
  return { rrknum, rrkedanum: 1 };
}

const slots = Array.from({ length: 15 }, (_, i) => `zainum${i + 1}`);

/** One day's inpatient 剤 (ORCSCNYUIN): 剤 rows with 入外 '1', the day's 受診履歴 row filled or created. */
export function saveInpatientDay(
  book: Book,
  d: { ptid: number; sryka: string; sryymd: string; hkncombinum: string; drcd: string; zais: readonly ZaiTemplate[] },
  audit: Audit,
): number[] {
  const scope = {
    ptid: d.ptid,
    nyugaikbn: '1',
    sryka: d.sryka,
    sryymd: d.sryymd,
    hkncombi: Number(d.hkncombinum),
    rennum: 1,
  };
  const key = {
    hospnum: 1,
    ptid: d.ptid,
    nyugaikbn: '1',
    sryka: d.sryka,
    sryymd: d.sryymd,
    rennum: 1,
    douji_rennum: 0,
  };
  const zainums: number[] = [];
  for (const zai of d.zais) {
    const saved = saveZai(book, zai, scope, audit);
    if (!saved) continue;
    zainums.push(saved.zainum);
    const flag = srykbnColumn(zai.srykbn);
    const rows = book
      .find('tbl_jyurrk', { ...key, hkncombinum: d.hkncombinum })
      .sort((a, b) => Number(a.edanum) - Number(b.edanum));
    const listed = rows.some((r) => slots.some((slot) => Number(r[slot]) === saved.zainum));
    const free = listed ? undefined : rows.find((r) => slots.some((slot) => Number(r[slot] ?? 0) === 0));
    rows.forEach((row, index) => {
      const changes: Row = {};
      if (index === 0 && flag && row[flag] !== '01') changes[flag] = '01';
      if (row === free) changes[slots.find((slot) => Number(row[slot] ?? 0) === 0) as string] = saved.zainum;
      if (index === 0 || row === free) book.update('tbl_jyurrk', { ...row, ...changes, ...updated(audit) });
    });
    if (listed || free) continue;
    const edanum = rows.length + 1;
    if (edanum > 9) throw new Error('受診履歴の枝番が上限です (ORCA error 0006)');
    const values: Row = { ...key, edanum, kaikei_rennum: 1, drcd: d.drcd, hkncombinum: d.hkncombinum, hknkbn: '0' };
    if (flag) values[flag] = '01';
    book.insert(
      'tbl_jyurrk',
      orcaRow('tbl_jyurrk', { ...values, denpnum: 0, zainum1: saved.zainum, ...created(audit) }),
    );
  }
  return zainums;
}

/** 入院会計 定期請求: an inpatient slip for a period (0042), with its 入院 part. */
export function billInpatient(
  clinic: Book,
  book: Book,
  b: {
    ptid: number;
    sryka: string;
    hkncombinum: string;
    drcd: string;
    from: string;
    to: string;
    points: number;
    rate: number;
    rrknum: number;
    today: string;
  },
  audit: Audit,
): number {
  const denpnum = issueInpatientSlip(clinic, b.today, audit);
  const slip = { ...b, nyugaikbn: '1' as const, denpnum, sryymd: b.to };
  writeNewSlip(book, slip, audit);
  book.insert(
    'tbl_syunou_nyuin',
    orcaRow('tbl_syunou_nyuin', { hospnum: 1, nyugaikbn: '1', ptid: b.ptid, denpnum, nyuin_rrknum: b.rrknum }),
  );
  return denpnum;
}
