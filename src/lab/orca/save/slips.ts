/**
 * 収納 of a slip, as ORCSCGAIRAI writes it for an outpatient pair (`10021-SYUNOU-SYORI-SEC`): the history
 * row first (ORCSS002: `tbl_syurrk`, the money as after − before), then `tbl_syunou_main` (INSERT for a new
 * slip; a correction UPDATEs it, adding what is paid now to what was paid), then the 明細 (`tbl_syumei`:
 * 枝番 1 for a new slip, 45001-SINMEI-SYORI-SEC; one more 枝番 with 状態 8 and the difference for a
 * correction, 45001-SINMEI-SYORI2-SEC). The money itself is computed upstream of this save (K02/K03); the
 * lab's is points × 10 yen at the burden rate, rounded to 10 yen, paid in full.
 */
import type { Book } from '../book/book.js';
import { orcaRow, type Row } from '../orca-row.js';
import { created, updated, type Audit } from './audit.js';

export interface SlipInput {
  nyugaikbn: '1' | '2';
  ptid: number;
  denpnum: number;
  sryka: string;
  sryymd: string;
  hkncombinum: string;
  drcd: string;
  /** 保険点数 of the slip. */
  points: number;
  /** 自己負担割合 (%). */
  rate: number;
  /** Billing period (inpatient: the 定期請求 period). */
  from: string;
  to: string;
  /** まとめ入力 (several slips in one save): the first slip and this slip's place. */
  group?: { denpnum: number; rennum: number };
  /** 複数科まとめ: the combination's first slip and '1' (more follow) or '2' (last department). */
  departments?: { denpnum: number; kbn: '1' | '2' };
}

const MONEY_COLUMNS = ['total_hknten', 'total_money', 'skymoney'] as const;

export function moneyOf(points: number, rate: number): Row {
  const money = points * 10;
  return { total_hknten: points, total_money: money, skymoney: Math.round((money * rate) / 100 / 10) * 10 };
}

const stateOf = (charged: number, paid: number): string => (charged === 0 ? '' : paid >= charged ? '1' : '2');

/** ORCSS002 `2001-CHK-SYURRK-SEC`: one history row of the money change (after − before). */
function historyRow(book: Book, s: SlipInput, before: Row | undefined, after: Row, audit: Audit): Row {
  const key = { hospnum: 1, ptid: s.ptid, nyugaikbn: s.nyugaikbn, denpnum: s.denpnum };
  const last = book.find('tbl_syurrk', key).reduce((max, r) => Math.max(max, Number(r.syurrknum)), 0);
  const diff = Object.fromEntries(MONEY_COLUMNS.map((c) => [c, Number(after[c]) - Number(before?.[c] ?? 0)]));
  return book.insert(
    'tbl_syurrk',
    orcaRow('tbl_syurrk', {
      ...key,
      syurrknum: last + 1,
      syuedanum: 1,
      sryka: s.sryka,
      hkncombinum: s.hkncombinum,
      ...diff,
      creymd: audit.ymd,
      upymd: audit.ymd,
      uphms: audit.hms,
    }),
  );
}

function detailRow(s: SlipInput, history: Row, values: Row, audit: Audit): Row {
  return orcaRow('tbl_syumei', {
    hospnum: 1,
    nyugaikbn: s.nyugaikbn,
    ptid: s.ptid,
    denpnum: s.denpnum,
    sryka: s.sryka,
    sky_printymd: audit.ymd,
    nyuhen_ymd: audit.ymd,
    syurrknum: history.syurrknum,
    syuedanum: history.syuedanum,
    ...values,
    ...created(audit),
    crehms: audit.hms,
  });
}

/** A new slip: history, 収納, 明細 枝番 1 (paid in full). */
export function writeNewSlip(book: Book, s: SlipInput, audit: Audit): Row {
  const money = moneyOf(s.points, s.rate);
  const charged = Number(money.skymoney);
  const history = historyRow(book, s, undefined, money, audit);
  const slip = book.insert(
    'tbl_syunou_main',
    orcaRow('tbl_syunou_main', {
      hospnum: 1,
      nyugaikbn: s.nyugaikbn,
      ptid: s.ptid,
      denpnum: s.denpnum,
      sryka: s.sryka,
      sryymd: s.sryymd,
      denpjtikbn: stateOf(charged, charged),
      denpprtymd: audit.ymd,
      skystymd: s.from,
      skyedymd: s.to,
      hkncombinum: s.hkncombinum,
      ptftnrate: s.rate,
      ...money,
      nyukin_total: charged,
      nyukin_kaisu: 1,
      drcd: s.drcd,
      grp_denpnum: s.group?.denpnum ?? 0,
      grp_rennum: s.group?.rennum ?? 0,
      fuku_denpnum: s.departments?.denpnum ?? 0,
      fuku_kbn: s.departments?.kbn ?? '',
      ...created(audit),
    }),
  );
  const detail = { denpedanum: 1, nyukinrennum: 1, skymoney: charged, ryosyu_printymd: audit.ymd };
  const paid = charged > 0 ? { nyuhen_kbn: '1', nyuhen_money: charged, nyukin_hoho: '01' } : {};
  book.insert('tbl_syumei', detailRow(s, history, { ...detail, ...paid, joutaikbn: charged ? '1' : '' }, audit));
  return slip;
}

/** A corrected slip: history of the change, 収納 rewritten (the difference paid now), 明細 状態 8. */
export function writeCorrectedSlip(book: Book, s: SlipInput, audit: Audit): Row {
  const key = { hospnum: 1, nyugaikbn: s.nyugaikbn, ptid: s.ptid, denpnum: s.denpnum };
  const old = book.get('tbl_syunou_main', key);
  if (!old) return writeNewSlip(book, s, audit);
  const money = moneyOf(s.points, s.rate);
  const difference = Number(money.skymoney) - Number(old.skymoney);
  const paidNow = Math.max(0, difference);
  const history = historyRow(book, s, old, money, audit);
  const nyukinTotal = Number(old.nyukin_total) + paidNow;
  const slip = book.update('tbl_syunou_main', {
    ...old,
    ...money,
    nyukin_total: nyukinTotal,
    nyukin_kaisu: Number(old.nyukin_kaisu) + (paidNow > 0 ? 1 : 0),
    denpjtikbn: stateOf(Number(money.skymoney), nyukinTotal),
    acct_updkbn: '',
    ...updated(audit),
  });
  const details = book.find('tbl_syumei', key);
  const next = (column: string): number => details.reduce((max, r) => Math.max(max, Number(r[column])), 0) + 1;
  const paid = paidNow > 0 ? { nyuhen_kbn: '1', nyuhen_money: paidNow, nyukin_hoho: '01' } : {};
  const values = { denpedanum: next('denpedanum'), nyukinrennum: next('nyukinrennum'), skymoney: difference };
  book.insert('tbl_syumei', detailRow(s, history, { ...values, ...paid, joutaikbn: '8' }, audit));
  return slip;
}

/** `10041-SYUTTL-INS-SEC`: the combined slip of a combination's departments (複数科まとめ). */
export function writeDepartmentsTotal(book: Book, slips: readonly Row[], departments: readonly string[], audit: Audit) {
  const first = slips[0] as Row;
  const sum = (column: string): number => slips.reduce((total, r) => total + Number(r[column]), 0);
  const charged = sum('skymoney');
  book.insert(
    'tbl_syutotal',
    orcaRow('tbl_syutotal', {
      hospnum: 1,
      nyugaikbn: first.nyugaikbn,
      ptid: first.ptid,
      denpnum: first.denpnum,
      sryka: '00',
      ...Object.fromEntries(departments.map((sryka, i) => [`douji_sryka${i + 1}`, sryka])),
      sryymd: first.sryymd,
      denpprtymd: first.denpprtymd,
      skystymd: first.skystymd,
      skyedymd: first.skyedymd,
      hkncombinum: first.hkncombinum,
      ptftnrate: first.ptftnrate,
      total_hknten: sum('total_hknten'),
      total_money: sum('total_money'),
      skymoney: charged,
      nyukin_total: sum('nyukin_total'),
      nyukin_kaisu: 1,
      denpjtikbn: stateOf(charged, sum('nyukin_total')),
      ...created(audit),
    }),
  );
}
