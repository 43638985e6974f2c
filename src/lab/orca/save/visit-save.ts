/**
 * One outpatient save (外来 診療行為 登録), ORCSCGAIRAI `100-SAKUSEI-SYORI-SEC`: for each insurance
 * combination and, inside it, each department (`1001-DBKOUSIN-SYORI-SEC`) — a slip number from 0041 (kept
 * on a correction), the 収納 rows (none for 包括 '9999'), the 受診履歴 numbers, each 剤 (identical or new,
 * counts, 算定履歴), the 受診履歴 rows, the 診療科履歴; several departments of one insurance also get the
 * combined slip (複数科まとめ, system setting 1038 KAGRPFLG, blank = '0' = on: ORCSC95SUB). Then the 受付
 * 会計時間 (new saves on the day) and, for a correction, the receipt-redo marks. A correction first takes
 * the slip's old visit out (`visit-remove.ts`).
 */
import { SANTEI_RRKKBN, type ZaiTemplate } from '../clinic-catalog.js';
import type { Book } from '../book/book.js';
import type { Row } from '../orca-row.js';
import type { Audit } from './audit.js';
import { issueOutpatientSlip } from './counters.js';
import { addSantei } from './santei.js';
import { writeCorrectedSlip, writeDepartmentsTotal, writeNewSlip, type SlipInput } from './slips.js';
import { markReceiptRedo, stampReception, touchDepartmentHistory } from './visit-extras.js';
import { removeVisit, type CorrectedSlip, type OldNumbers } from './visit-remove.js';
import { numberVisit, VisitRows } from './visit-rows.js';
import { cellsOf, totalsOf } from './zai-cells.js';
import { saveZai } from './zai-save.js';

export interface VisitPair {
  /** 保険組合せ番号 as `tbl_jyurrk` holds it (char 4); '9999' = 包括分入力. */
  hkncombinum: string;
  sryka: string;
  drcd: string;
  /** 自己負担割合 (%) of the combination. */
  rate: number;
  zais: readonly ZaiTemplate[];
}

export interface OutpatientSave {
  ptid: number;
  sryymd: string;
  /** The machine date (受付 and receipt checks use it). */
  today: string;
  termid: string;
  pairs: readonly VisitPair[];
  /** 訂正: the slip whose visit this save replaces. */
  correction?: CorrectedSlip;
  /** 複数科まとめ集計 (1038 KAGRPFLG '0'); on unless the clinic turned it off. */
  combineDepartments?: boolean;
}

export interface SavedPair {
  sryka: string;
  hkncombinum: string;
  rennum: number;
  doujiRennum: number;
  kaikeiRennum: number;
  denpnum: number;
  zainums: number[];
  reusedZainums: number[];
}

const pointsOf = (zais: readonly ZaiTemplate[]): number =>
  zais.reduce((sum, zai) => sum + totalsOf(zai, cellsOf(zai)).zaiten * zai.zaikaisu, 0);

function addSanteiOfZai(book: Book, zai: ZaiTemplate, v: OutpatientSave, sryka: string, audit: Audit): void {
  if (zai.srykbn === '95' || zai.srykbn === '96') return;
  for (const cell of cellsOf(zai)) {
    const rrkkbn = SANTEI_RRKKBN[cell.srycd] ?? 0;
    if (rrkkbn === 0 || !(cell.srycd.startsWith('1') || cell.srycd.startsWith('099'))) continue;
    const use = { ptid: v.ptid, srycd: cell.srycd, nyugaikbn: '2', sryka, sryymd: v.sryymd };
    addSantei(book, { ...use, kaisu: zai.zaikaisu, santeirrkkbn: rrkkbn }, audit);
  }
}

export function saveOutpatientVisit(clinic: Book, book: Book, v: OutpatientSave, audit: Audit): SavedPair[] {
  if (v.correction && v.pairs.length !== 1) {
    // ORCA corrects a まとめ save slip by slip (SPA-TEI-DENPNUM); the lab corrects single-slip saves only.
    throw new Error('the lab corrects a save of one department and insurance only');
  }
  const old: OldNumbers = v.correction ? removeVisit(book, v.correction, audit) : new Map();
  const combinations = [...new Set(v.pairs.map((p) => p.hkncombinum))];
  const insurancesOf = (sryka: string): string[] =>
    combinations.filter((c) => v.pairs.some((p) => p.hkncombinum === c && p.sryka === sryka));
  const many = v.pairs.length > 1;
  const billed = v.pairs.filter((p) => p.hkncombinum !== '9999').length;
  let group = { denpnum: v.correction?.denpnum ?? 0, rennum: 0 };
  const saved: SavedPair[] = [];
  for (const combination of combinations) {
    const pairs = v.pairs.filter((p) => p.hkncombinum === combination);
    const combine = pairs.length > 1 && combination !== '9999' && v.combineDepartments !== false;
    const slips: Row[] = [];
    let firstOfCombination = 0;
    for (const [index, pair] of pairs.entries()) {
      const denpnum = v.correction?.denpnum ?? issueOutpatientSlip(clinic, v.sryymd, audit);
      if (group.denpnum === 0) group = { ...group, denpnum };
      if (firstOfCombination === 0) firstOfCombination = denpnum;
      if (many) group = { ...group, rennum: group.rennum + 1 };
      if (combination !== '9999') {
        const slip: SlipInput = {
          nyugaikbn: '2',
          ptid: v.ptid,
          denpnum,
          sryka: pair.sryka,
          sryymd: v.sryymd,
          hkncombinum: combination,
          drcd: pair.drcd,
          points: pointsOf(pair.zais),
          rate: pair.rate,
          from: v.sryymd,
          to: v.sryymd,
          ...(many && billed > 1 ? { group } : {}),
          ...(combine
            ? { departments: { denpnum: firstOfCombination, kbn: index === pairs.length - 1 ? '2' : '1' } }
            : {}),
        };
        slips.push(v.correction ? writeCorrectedSlip(book, slip, audit) : writeNewSlip(book, slip, audit));
      }
      const insurances = insurancesOf(pair.sryka);
      const place = {
        insurancesOfDepartment: insurances.length,
        insuranceIndex: insurances.indexOf(combination) + 1,
        ...(old.has(pair.sryka) ? { corrected: old.get(pair.sryka)! } : {}),
      };
      const key = { hospnum: 1, ptid: v.ptid, nyugaikbn: '2', sryka: pair.sryka, sryymd: v.sryymd };
      const numbers = numberVisit(book, key, place);
      const rows = new VisitRows(
        {
          ...key,
          rennum: numbers.rennum,
          douji_rennum: numbers.doujiRennum,
          kaikei_rennum: numbers.kaikeiRennum,
          drcd: pair.drcd,
          hkncombinum: combination,
          hknkbn: '0',
          denpnum,
          grp_denpnum: many ? group.denpnum : 0,
          grp_rennum: many ? group.rennum : 0,
        },
        audit,
      );
      const zainums: number[] = [];
      const reused: number[] = [];
      const scope = {
        ptid: v.ptid,
        nyugaikbn: '2',
        sryka: pair.sryka,
        sryymd: v.sryymd,
        hkncombi: Number(combination),
      };
      for (const zai of pair.zais) {
        const result = saveZai(book, zai, { ...scope, rennum: numbers.rennum }, audit);
        if (!result) continue;
        rows.add(zai.srykbn, result.zainum);
        zainums.push(result.zainum);
        if (result.reused) reused.push(result.zainum);
        if (combination !== '9999') addSanteiOfZai(book, zai, v, pair.sryka, audit);
      }
      rows.write(book);
      if (place.insuranceIndex === 1 && combination !== '9999') {
        const firstVisitCode = pair.zais.some((z) => z.srykbn === '11');
        const history = { ptid: v.ptid, sryka: pair.sryka, sryymd: v.sryymd, firstVisitCode };
        touchDepartmentHistory(book, { ...history, correction: v.correction !== undefined }, audit);
      }
      saved.push({ sryka: pair.sryka, hkncombinum: combination, ...numbers, denpnum, zainums, reusedZainums: reused });
    }
    if (combine && !v.correction)
      writeDepartmentsTotal(
        book,
        slips,
        pairs.map((p) => p.sryka),
        audit,
      );
  }
  if (saved.every((s) => s.zainums.length === 0)) {
    // ORCSCGAIRAI l.705-720: no 剤 written → the SQL path 'abort' fails the transaction (error 0051).
    throw new Error('ORCA aborts a save that writes no 剤 (error 0051)');
  }
  if (!v.correction && v.sryymd === v.today) {
    stampReception(clinic, { ptid: v.ptid, today: v.today, departments: v.pairs.map((p) => p.sryka) }, audit);
  }
  if (v.correction && v.correction.hkncombinum !== '9999') {
    markReceiptRedo(clinic, book, { ptid: v.ptid, sryym: v.sryymd.slice(0, 6), termid: v.termid }, audit);
  }
  return saved;
}
