/**
 * A 剤 (one group of codes entered together) and the rows ORCA stores for it: `tbl_sryact` (5 codes a row),
 * `tbl_sryacct_main` (one row per 剤 and month with `day_1..31`), `tbl_sryacct_sub`, `tbl_ptcom`,
 * `tbl_sryacctplus`. Identity follows ORCSCZAICHK (ORCA-DATA.md §4.1): same department, month, 診療区分,
 * 種別, insurance combination, codes with quantities and counts, 回数 and comment → the same 剤.
 */
import { POINTS, type CodeLine, type ZaiTemplate } from './clinic-catalog.js';

export type Row = Record<string, string | number | null>;

export interface Audit {
  termid: string;
  opid: string;
  ymd: string;
  hms: string;
}

export interface ZaiScope {
  ptid: number;
  sryka: string;
  sryym: string;
  hkncombi: number;
  drcd: string;
}

export const HOSPNUM = 1;
export const OUTPATIENT = '2';
const CODES_PER_ROW = 5;
const keys = (prefix: string, n: number, sep = ''): string[] =>
  Array.from({ length: n }, (_, i) => `${prefix}${sep}${i + 1}`);
const K = {
  srycd: keys('srycd', 5),
  srysuryo: keys('srysuryo', 5),
  srykaisu: keys('srykaisu', 5),
  meiskyflg: keys('meiskyflg', 5),
  autokbn: keys('autokbn', 5),
  inputnum: keys('inputnum', 5),
  jihimoney: keys('jihimoney', 5),
  kansuryo: keys('kansuryo', 5),
  syuten: keys('syuten', 5),
  ykzten: keys('ykzten', 5),
  kizaiten: keys('kizaiten', 5),
  day: keys('day', 31, '_'),
  grpZainum: keys('grp_zainum', 15),
} as const;

function addAudit(row: Row, audit: Audit): Row {
  row.termid = audit.termid;
  row.opid = audit.opid;
  row.creymd = audit.ymd;
  row.upymd = audit.ymd;
  row.uphms = audit.hms;
  return row;
}

export const auditColumns = (audit: Audit): Row => addAudit({}, audit);

/** The identity key of a 剤 within one patient (department, month and combination included). */
export function zaiKey(zai: ZaiTemplate, scope: Pick<ZaiScope, 'sryka' | 'sryym' | 'hkncombi'>): string {
  const codes = zai.codes.map(([code, suryo, kaisu]) => `${code}:${suryo}:${kaisu}`).join(',');
  const comment = zai.comment ? `${zai.comment.srycd}:${zai.comment.text}` : '';
  return [scope.sryka, scope.sryym, scope.hkncombi, zai.srykbn, zai.srysyukbn, zai.zaikaisu, codes, comment].join('|');
}

export interface ZaiTotals {
  zaiten: number;
  srycdtotal: number;
  suryoutotal: number;
  meisaisu: number;
  zaikaisu: number;
}

export function zaiTotals(zai: ZaiTemplate): ZaiTotals {
  const points = zai.codes.reduce((sum, [code, suryo]) => sum + (POINTS[code] ?? 0) * suryo, 0);
  return {
    zaiten: Math.max(1, Math.round(points)),
    srycdtotal: zai.codes.reduce((sum, [code]) => sum + Number(code), 0),
    suryoutotal: zai.codes.reduce((sum, [, suryo]) => sum + suryo, 0),
    meisaisu: zai.codes.length,
    zaikaisu: zai.zaikaisu,
  };
}

/** Points the 剤 adds to a visit's slip (剤点数 × 回数). */
export const zaiPoints = (zai: ZaiTemplate): number => zaiTotals(zai).zaiten * zai.zaikaisu;

function chunks(codes: readonly CodeLine[]): CodeLine[][] {
  const out: CodeLine[][] = [];
  for (let i = 0; i < codes.length; i += CODES_PER_ROW) out.push(codes.slice(i, i + CODES_PER_ROW));
  return out;
}

export function sryactRows(zai: ZaiTemplate, scope: ZaiScope, zainum: number, audit: Audit): Row[] {
  return chunks(zai.codes).map((lines, index) => {
    const row: Row = {
      hospnum: HOSPNUM,
      nyugaikbn: OUTPATIENT,
      ptid: scope.ptid,
      sryka: scope.sryka,
      sryym: scope.sryym,
      zainum,
      rennum: index + 1,
      srysyukbn: zai.srysyukbn,
      srykbn: zai.srykbn,
      jihimoneytotal: 0,
    };
    for (let i = 0; i < CODES_PER_ROW; i += 1) {
      const line = lines[i];
      row[K.srycd[i] as string] = line ? line[0] : null;
      row[K.srysuryo[i] as string] = line ? line[1] : 0;
      row[K.srykaisu[i] as string] = line ? line[2] : 0;
      row[K.meiskyflg[i] as string] = line ? '0' : null;
      row[K.autokbn[i] as string] = line ? '0' : null;
      row[K.inputnum[i] as string] = 0;
      row[K.jihimoney[i] as string] = 0;
      row[K.kansuryo[i] as string] = line ? line[1] : 0;
    }
    return addAudit(row, audit);
  });
}

/** The month row of a 剤 with its day counts (index 0 = day 1). */
export function sryacctMainRow(
  zai: ZaiTemplate,
  scope: ZaiScope,
  zainum: number,
  days: readonly number[],
  audit: Audit,
): Row {
  const totals = zaiTotals(zai);
  const row: Row = {
    hospnum: HOSPNUM,
    nyugaikbn: OUTPATIENT,
    ptid: scope.ptid,
    sryka: scope.sryka,
    sryym: scope.sryym,
    srykbn: zai.srykbn,
    zainum,
    srysyukbn: zai.srysyukbn,
    hkncombi: scope.hkncombi,
    jihokbn: '0',
    zaiten: totals.zaiten,
    srycdtotal: totals.srycdtotal,
    suryoutotal: totals.suryoutotal,
    meisaisu: totals.meisaisu,
    zaikaisu: totals.zaikaisu,
    syuten1: totals.zaiten,
    syuten2: 0,
    ykzten: 0,
    kizaiten: 0,
    drcd: scope.drcd,
    zaireqflg: zai.plus ? '1' : '0',
    teigenrate: 0,
    rennummax: chunks(zai.codes).length,
  };
  for (let d = 0; d < 31; d += 1) row[K.day[d] as string] = days[d] ?? 0;
  return addAudit(row, audit);
}

/** `tbl_sryacct_sub` cell for the n-th (2..9) time the 剤 was done on a day. */
export const sryacctSubRow = (ptid: number, zainum: number, nth: number, day: number): Row => ({
  hospnum: HOSPNUM,
  ptid,
  zainum,
  rennum: nth,
  date_hi: day,
  day_cnt: 1,
});

export function ptcomRows(zai: ZaiTemplate, ptid: number, zainum: number, audit: Audit): Row[] {
  if (!zai.comment) return [];
  return [
    {
      hospnum: HOSPNUM,
      ptid,
      zainum,
      srycd: zai.comment.srycd,
      rennum: 1,
      inputcoment: zai.comment.text,
      inputchi1: null,
      inputchi2: null,
      inputchi3: null,
      inputchi4: null,
      inputchi5: null,
    },
  ].map((row) => addAudit(row, audit));
}

export function sryacctplusRows(zai: ZaiTemplate, scope: ZaiScope, zainum: number, audit: Audit): Row[] {
  if (!zai.plus) return [];
  const row: Row = {
    hospnum: HOSPNUM,
    nyugaikbn: OUTPATIENT,
    ptid: scope.ptid,
    sryka: scope.sryka,
    sryym: scope.sryym,
    zainum,
    rennum: 1,
    pluskbn: 1,
    rsikingaku: 0,
  };
  for (let i = 0; i < 5; i += 1) {
    const line = zai.codes[i];
    row[K.srycd[i] as string] = line ? line[0] : null;
    row[K.syuten[i] as string] = line ? Math.round((POINTS[line[0]] ?? 0) * line[1]) : 0;
    row[K.ykzten[i] as string] = 0;
    row[K.kizaiten[i] as string] = 0;
  }
  for (const key of K.grpZainum) row[key] = 0;
  return [addAudit(row, audit)];
}

/** Rebuilds a 剤 from its stored `tbl_sryact` rows (ordered by rennum) and comment, for identity checks. */
export function zaiFromRows(
  rows: readonly Row[],
  comment: { srycd: string; text: string } | null,
  zaikaisu: number,
): ZaiTemplate {
  const codes: CodeLine[] = [];
  for (const row of rows) {
    for (let i = 1; i <= CODES_PER_ROW; i += 1) {
      const code = row[`srycd${i}`];
      if (typeof code !== 'string' || code.trim() === '') continue;
      codes.push([code.trim(), Number(row[`srysuryo${i}`]), Number(row[`srykaisu${i}`])]);
    }
  }
  const first = rows[0] ?? {};
  return {
    srykbn: String(first.srykbn ?? '').trim(),
    srysyukbn: String(first.srysyukbn ?? '').trim(),
    codes,
    zaikaisu,
    ...(comment ? { comment } : {}),
  };
}
