/**
 * Patient rows as ORCA's 患者登録 writes them. ORCGP029 inserts `tbl_ptnum` with the per-patient counters
 * the screens kept (`280-PTNUM-SYORI-SEC`: 保険ID, 公費ID, 自動/手動 保険組合せ番号), `tbl_ptinf`, each
 * `tbl_pthkninf` / `tbl_ptkohinf` and `tbl_hkncombi`. A new insurance takes `hknid` = ptnum.hknid + 1
 * (ORCGP02D `49012-PTHKNINF-HEN-SEC`), a new 公費 `kohid` = ptnum.kohid + 1 (`49013-PTKOHINF-HEN-SEC`), a new
 * combination `hkncombinum` = ptnum.autocombinum + 1 (ORCGP02W3 `200-NUMBNEW-SEC`, at most 8999); the
 * counters go back with the whole `tbl_ptnum` row.
 */
import type { Book } from '../book/book.js';
import { orcaRow, type Row } from '../orca-row.js';
import { created, updated, type Audit } from './audit.js';

export interface PatientIdentity {
  ptid: number;
  ptnum: string;
  name: string;
  kananame: string;
  sex: '1' | '2';
  birthday: string;
  homePost: string;
  homeAdrs: string;
  homeBanti: string;
  homeTel: string;
}

export interface InsuranceInput {
  hknnum: string;
  hknjanum: string;
  kigo: string;
  num: string;
  honkzkkbn: string;
  /** 外来 負担割合 (%) of the combination. */
  rate: number;
}

export interface KohiInput {
  kohnum: string;
  ftnjanum: string;
  jkysnum: string;
  /** 外来 負担割合 (%) of the combination with this 公費. */
  rate: number;
}

const OPEN_END = '99999999';

const dayBefore = (ymd: string): string => {
  const date = new Date(Date.UTC(+ymd.slice(0, 4), +ymd.slice(4, 6) - 1, +ymd.slice(6, 8) - 1));
  return date.toISOString().slice(0, 10).replaceAll('-', '');
};

function combinationRow(ptid: number, hkncombinum: number, values: Row, from: string, rate: number, audit: Audit): Row {
  return orcaRow('tbl_hkncombi', {
    hospnum: 1,
    ptid,
    hkncombinum,
    ...values,
    tekstymd: from,
    tekedymd: OPEN_END,
    gai_kftnrate: rate,
    nyu_kftnrate: rate,
    ...created(audit),
  });
}

/** A new patient with one insurance (保険ID 1, 組合せ 1). */
export function registerPatientRows(book: Book, p: PatientIdentity, first: InsuranceInput, audit: Audit): void {
  const ptid = p.ptid;
  book.insert(
    'tbl_ptnum',
    orcaRow('tbl_ptnum', { hospnum: 1, ptid, ptnum: p.ptnum, hknid: 1, autocombinum: 1, ...created(audit) }),
  );
  book.insert(
    'tbl_ptinf',
    orcaRow('tbl_ptinf', {
      hospnum: 1,
      ptid,
      name: p.name,
      kananame: p.kananame,
      sex: p.sex,
      birthday: p.birthday,
      deathkbn: '0',
      home_post: p.homePost,
      home_adrs: p.homeAdrs,
      home_banti: p.homeBanti,
      home_tel1: p.homeTel,
      tstptnumkbn: '0',
      ...created(audit),
    }),
  );
  insertInsurance(book, ptid, 1, first, audit.ymd, audit);
  book.insert(
    'tbl_hkncombi',
    combinationRow(
      ptid,
      1,
      { hknid: 1, hknnum: first.hknnum, honkzkkbn: first.honkzkkbn },
      audit.ymd,
      first.rate,
      audit,
    ),
  );
}

function insertInsurance(
  book: Book,
  ptid: number,
  hknid: number,
  ins: InsuranceInput,
  from: string,
  audit: Audit,
): void {
  book.insert(
    'tbl_pthkninf',
    orcaRow('tbl_pthkninf', {
      hospnum: 1,
      ptid,
      hknid,
      hknnum: ins.hknnum,
      hknjanum: ins.hknjanum,
      kigo: ins.kigo,
      num: ins.num,
      honkzkkbn: ins.honkzkkbn,
      tekstymd: from,
      tekedymd: OPEN_END,
      kakuninymd: from,
      ...created(audit),
    }),
  );
}

function ptnumOf(book: Book, ptid: number): Row {
  const row = book.get('tbl_ptnum', { hospnum: 1, ptid });
  if (!row) throw new Error(`tbl_ptnum has no patient ${ptid}`);
  return row;
}

/** Ends open rows of `table` the day before `from` (whole rows rewritten). */
function endOpenRows(book: Book, table: string, rows: Row[], from: string, audit: Audit): void {
  for (const row of rows) {
    if (row.tekedymd === OPEN_END && String(row.tekstymd) < from) {
      book.update(table, { ...row, tekedymd: dayBefore(from), ...updated(audit) });
    }
  }
}

/** 保険変更: the old insurance and its combinations end the day before; a new insurance and combination. */
export function changeInsurance(book: Book, ptid: number, ins: InsuranceInput, from: string, audit: Audit): number {
  const ptnum = ptnumOf(book, ptid);
  const hknid = Number(ptnum.hknid) + 1;
  const hkncombinum = Number(ptnum.autocombinum) + 1;
  if (hkncombinum > 8999) throw new Error('保険組合せ番号が上限です (ORCA error 0011)');
  endOpenRows(book, 'tbl_pthkninf', book.find('tbl_pthkninf', { hospnum: 1, ptid }), from, audit);
  endOpenRows(book, 'tbl_hkncombi', book.find('tbl_hkncombi', { hospnum: 1, ptid }), from, audit);
  insertInsurance(book, ptid, hknid, ins, from, audit);
  book.insert(
    'tbl_hkncombi',
    combinationRow(ptid, hkncombinum, { hknid, hknnum: ins.hknnum, honkzkkbn: ins.honkzkkbn }, from, ins.rate, audit),
  );
  book.update('tbl_ptnum', { ...ptnum, hknid, autocombinum: hkncombinum, ...updated(audit) });
  return hkncombinum;
}

/** 公費追加: a new 公費 and a combination of the current insurance with it. */
export function addKohi(book: Book, ptid: number, kohi: KohiInput, from: string, audit: Audit): number {
  const ptnum = ptnumOf(book, ptid);
  const kohid = Number(ptnum.kohid) + 1;
  const hkncombinum = Number(ptnum.autocombinum) + 1;
  if (hkncombinum > 8999) throw new Error('保険組合せ番号が上限です (ORCA error 0011)');
  const insurance = book
    .find('tbl_pthkninf', { hospnum: 1, ptid })
    .filter((r) => String(r.tekstymd) <= from && String(r.tekedymd) >= from)
    .sort((a, b) => Number(b.hknid) - Number(a.hknid))[0];
  book.insert(
    'tbl_ptkohinf',
    orcaRow('tbl_ptkohinf', {
      hospnum: 1,
      ptid,
      kohid,
      kohnum: kohi.kohnum,
      ftnjanum: kohi.ftnjanum,
      jkysnum: kohi.jkysnum,
      tekstymd: from,
      tekedymd: OPEN_END,
      kakuninymd: from,
      ...created(audit),
    }),
  );
  const values = {
    hknid: insurance?.hknid ?? 0,
    hknnum: insurance?.hknnum ?? '',
    honkzkkbn: insurance?.honkzkkbn ?? '',
    koh1id: kohid,
    koh1hknnum: kohi.kohnum,
  };
  book.insert('tbl_hkncombi', combinationRow(ptid, hkncombinum, values, from, kohi.rate, audit));
  book.update('tbl_ptnum', { ...ptnum, kohid, autocombinum: hkncombinum, ...updated(audit) });
  return hkncombinum;
}

/** 氏名変更: the patient row rewritten with the new name. */
export function renamePatientRow(book: Book, ptid: number, name: string, kananame: string, audit: Audit): void {
  const row = book.get('tbl_ptinf', { hospnum: 1, ptid });
  if (!row) throw new Error(`tbl_ptinf has no patient ${ptid}`);
  book.update('tbl_ptinf', { ...row, name, kananame, ...updated(audit) });
}

/** The combinations valid on a day, newest first, with their 外来 負担割合. */
export function combinationsOn(
  book: Book,
  ptid: number,
  ymd: string,
): { hkncombinum: number; rate: number; kohi: boolean }[] {
  return book
    .find('tbl_hkncombi', { hospnum: 1, ptid })
    .filter((r) => String(r.tekstymd) <= ymd && String(r.tekedymd) >= ymd)
    .sort((a, b) => Number(b.hkncombinum) - Number(a.hkncombinum))
    .map((r) => ({ hkncombinum: Number(r.hkncombinum), rate: Number(r.gai_kftnrate), kohi: Number(r.koh1id) > 0 }));
}
