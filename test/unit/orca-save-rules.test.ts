/**
 * ORCA's save rules on in-memory books (`src/lab/orca/save/`), each test named after the rule and the
 * jma-receipt paragraph it comes from.
 */
import { Book } from '../../src/lab/orca/book/book.js';
import type { ZaiTemplate } from '../../src/lab/orca/clinic-catalog.js';
import { orcaRow, type Row } from '../../src/lab/orca/orca-row.js';
import { issueOutpatientSlip, readField } from '../../src/lab/orca/save/counters.js';
import { DayTable } from '../../src/lab/orca/save/day-table.js';
import { addSantei, removeSantei } from '../../src/lab/orca/save/santei.js';
import { numberVisit, VisitRows } from '../../src/lab/orca/save/visit-rows.js';
import { saveOutpatientVisit } from '../../src/lab/orca/save/visit-save.js';
import { saveZai } from '../../src/lab/orca/save/zai-save.js';

const audit = { opid: 'ormaster', ymd: '20250110', hms: '100000' };
const RX: ZaiTemplate = { srykbn: '21', srysyukbn: '210', codes: [['622224901', 1, 1]], zaikaisu: 28 };
const KNEE: ZaiTemplate = {
  srykbn: '40',
  srysyukbn: '400',
  codes: [['140010310', 1, 1]],
  zaikaisu: 1,
  comment: { srycd: '810000001', text: '右膝' },
};

function patientBook(): Book {
  const book = new Book();
  book.insert('tbl_ptinf', orcaRow('tbl_ptinf', { hospnum: 1, ptid: 7, maxzainum: 0 }));
  return book;
}
const scope = (sryymd: string, rennum = 1) => ({ ptid: 7, nyugaikbn: '2', sryka: '01', sryymd, hkncombi: 1, rennum });
const main = (book: Book, zainum: number) => book.get('tbl_sryacct_main', { hospnum: 1, ptid: 7, zainum }) as Row;
const save = (book: Book, zai: ZaiTemplate, where: ReturnType<typeof scope>) =>
  saveZai(book, zai, where, audit) as NonNullable<ReturnType<typeof saveZai>>;

describe('ORCSCZAICHK: an identical 剤 of the month keeps its zainum', () => {
  test('the same codes again (another day, another 回数) reuse it: zaikaisu is not compared', () => {
    const book = patientBook();
    expect(saveZai(book, RX, scope('20250110'), audit)).toEqual({ zainum: 1, reused: false });
    expect(saveZai(book, { ...RX, zaikaisu: 14 }, scope('20250124'), audit)).toEqual({ zainum: 1, reused: true });
    expect(main(book, 1)).toMatchObject({ day_10: 28, day_24: 14, zaikaisu: 42 });
    expect(book.get('tbl_ptinf', { hospnum: 1, ptid: 7 })?.maxzainum).toBe(1);
  });

  test('a different quantity, insurance combination or month is a new 剤 from maxzainum + 1', () => {
    const book = patientBook();
    saveZai(book, RX, scope('20250110'), audit);
    expect(save(book, { ...RX, codes: [['622224901', 2, 1]] }, scope('20250111')).zainum).toBe(2);
    expect(save(book, RX, { ...scope('20250112'), hkncombi: 2 }).zainum).toBe(3);
    expect(save(book, RX, scope('20250203')).zainum).toBe(4);
  });

  test('診療種別 is normalised (blank, 210, 230 → blank); a stored 数量計 0 counts as 1; 自保区分 0 as blank', () => {
    const book = patientBook();
    saveZai(book, RX, scope('20250110'), audit);
    expect(saveZai(book, { ...RX, srysyukbn: '' }, scope('20250111'), audit)).toEqual({ zainum: 1, reused: true });
    book.update('tbl_sryacct_main', { ...main(book, 1), suryoutotal: 0, jihokbn: '0' });
    expect(saveZai(book, RX, scope('20250112'), audit)).toEqual({ zainum: 1, reused: true });
  });

  test('the comment text (tbl_ptcom by the cell inputnum) is part of the 剤', () => {
    const book = patientBook();
    saveZai(book, KNEE, scope('20250110'), audit);
    expect(save(book, KNEE, scope('20250117')).reused).toBe(true);
    expect(save(book, { ...KNEE, comment: { srycd: '810000001', text: '左膝' } }, scope('20250118')).reused).toBe(
      false,
    );
  });
});

test('ORCSCGAIRAI 45011-PTCOM-SYROI-SEC: tbl_ptcom.rennum counts per 剤 and is the cell inputnum', () => {
  const book = patientBook();
  const twoComments: ZaiTemplate = {
    ...KNEE,
    codes: [
      ['140010310', 1, 1],
      ['810000002', 0, 0],
    ],
  };
  saveZai(book, KNEE, scope('20250110'), audit);
  saveZai(book, { ...twoComments, comment: { srycd: '810000001', text: '両膝' } }, scope('20250110'), audit);
  const comments = book.rows('tbl_ptcom').map((r) => [r.zainum, r.srycd, r.rennum]);
  expect(comments).toEqual([
    [1, '810000001', 1],
    [2, '810000001', 1],
  ]);
  const row = book.find('tbl_sryact', { zainum: 2 })[0]!;
  expect([row.srycd3, row.inputnum3, row.inputnum2]).toEqual(['810000001', 1, 0]);
});

describe('ORCDBACCT: 10 day tables stored as day_N plus sub rows', () => {
  test('the first visit of a day counts in day_N only; the 2nd…9th in sub rows (rennum = 同日連番), rennummax', () => {
    const book = patientBook();
    saveZai(book, RX, scope('20250110', 1), audit);
    saveZai(book, { ...RX, zaikaisu: 7 }, scope('20250110', 3), audit);
    expect(main(book, 1)).toMatchObject({ day_10: 35, zaikaisu: 35, rennummax: 3 });
    expect(book.rows('tbl_sryacct_sub').map((s) => [s.rennum, s.date_hi, s.day_cnt])).toEqual([[3, 10, 7]]);
    const table = DayTable.fromRows(main(book, 1), book.rows('tbl_sryacct_sub'));
    expect([table.visitCount(1, 10), table.visitCount(2, 10), table.visitCount(3, 10)]).toEqual([28, 0, 7]);
    table.clear(3, 10);
    expect([table.subCells(), table.mainColumns().rennummax, table.zaikaisu()]).toEqual([[], 0, 28]);
  });
});

describe('ORCSCGAIRAI 1003-JYURRK-SYORI1 / 45001-JYURRK-SYORI2: visit numbers and rows', () => {
  const key = { hospnum: 1, ptid: 7, nyugaikbn: '2', sryka: '01', sryymd: '20250110' };
  const write = (book: Book, rennum: number, douji: number) =>
    new VisitRows({ ...key, rennum, douji_rennum: douji, kaikei_rennum: 1, denpnum: rennum }, audit).write(book);

  test('a later visit the same day takes rennum + 1; a department under a second insurance douji + 1', () => {
    const book = new Book();
    expect(numberVisit(book, key, { insurancesOfDepartment: 1, insuranceIndex: 1 })).toEqual({
      rennum: 1,
      doujiRennum: 0,
      kaikeiRennum: 1,
    });
    write(book, 1, 0);
    expect(numberVisit(book, key, { insurancesOfDepartment: 2, insuranceIndex: 1 })).toEqual({
      rennum: 2,
      doujiRennum: 1,
      kaikeiRennum: 1,
    });
    write(book, 2, 1);
    expect(numberVisit(book, key, { insurancesOfDepartment: 2, insuranceIndex: 2 })).toEqual({
      rennum: 2,
      doujiRennum: 2,
      kaikeiRennum: 1,
    });
    expect(
      numberVisit(book, key, {
        insurancesOfDepartment: 1,
        insuranceIndex: 1,
        corrected: { rennum: 1, kaikeiRennum: 1 },
      }),
    ).toEqual({
      rennum: 1,
      doujiRennum: 0,
      kaikeiRennum: 2,
    });
  });

  test('a 16th 剤 starts edanum 2 (its 診療区分 flag stays on row 1); a zainum is listed once per visit', () => {
    const book = new Book();
    const rows = new VisitRows({ ...key, rennum: 1, douji_rennum: 0, kaikei_rennum: 1, denpnum: 1 }, audit);
    for (let z = 1; z <= 15; z++) rows.add('60', z);
    rows.add('60', 3);
    rows.add('21', 16);
    const [first, second] = rows.write(book);
    expect([first?.zainum15, first?.srykbn9, first?.srykbn2, second?.edanum, second?.zainum1, second?.srykbn2]).toEqual(
      [15, '01', '01', 2, 16, ''],
    );
  });
});

test('ORCSCGAIRAI 45001-DENPNUM-SET-SEC: 0041 + 1, 99999999 wraps to 1, the slip keeps 7 digits', () => {
  const clinic = new Book();
  const row = {
    hospnum: 1,
    kanricd: '0041',
    kbncd: '*',
    styukymd: '00000000',
    edyukymd: '99999999',
    kanritbl: '09999999',
  };
  clinic.load('tbl_syskanri', [row]);
  expect(issueOutpatientSlip(clinic, '20250110', audit)).toBe(0);
  expect(readField(clinic.rows('tbl_syskanri')[0]!, 'outpatientSlip')).toBe(10_000_000);
  clinic.update('tbl_syskanri', { ...row, kanritbl: '99999999' });
  expect(issueOutpatientSlip(clinic, '20250110', audit)).toBe(1);
});

test("ORCSSANTEI: 算定履歴 keyed by 算定履歴区分; 初回算定日 carried from the code's last row; a correction deletes at 0", () => {
  const book = new Book();
  const use = { ptid: 7, srycd: '113001810', nyugaikbn: '2', sryka: '01', kaisu: 1 };
  addSantei(book, { ...use, sryymd: '20241212', santeirrkkbn: 1 }, audit);
  addSantei(book, { ...use, sryymd: '20250110', santeirrkkbn: 1 }, audit);
  addSantei(book, { ...use, sryymd: '20250106', santeirrkkbn: 1 }, audit);
  const january = book.get('tbl_santei', {
    hospnum: 1,
    ptid: 7,
    sryym: '202501',
    srycd: '113001810',
    nyugaikbn: '0',
    sryka: '00',
    hkncombinum: 0,
  });
  expect(january).toMatchObject({ fsanteiymd: '20241212', msanteid: '06', msanteicnt: 2, day6: 1, day10: 1 });
  removeSantei(book, { ...use, sryymd: '20250106', santeirrkkbn: 1 }, audit);
  removeSantei(book, { ...use, sryymd: '20250110', santeirrkkbn: 1 }, audit);
  expect(book.find('tbl_santei', { sryym: '202501' })).toEqual([]);
  addSantei(book, { ...use, srycd: '112007410', sryymd: '20250110', santeirrkkbn: 3 }, audit);
  expect(book.find('tbl_santei', { srycd: '112007410' })[0]).toMatchObject({ nyugaikbn: '0', sryka: '01' });
});

test('ORCSCGAIRAI 1002-SYUNOU-OUT-SEC: a 包括 (9999) pair takes a slip number and a douji_rennum, but writes no 収納, 算定履歴 or 診療科履歴', () => {
  const clinic = new Book();
  clinic.load('tbl_syskanri', [
    { hospnum: 1, kanricd: '0041', kbncd: '*', styukymd: '00000000', edyukymd: '99999999', kanritbl: '00000010' },
  ]);
  const book = patientBook();
  const exam: ZaiTemplate = { srykbn: '12', srysyukbn: '120', codes: [['112007410', 1, 1]], zaikaisu: 1 };
  const pairs = [
    { hkncombinum: '0001', sryka: '01', drcd: '10001', rate: 30, zais: [exam] },
    { hkncombinum: '9999', sryka: '01', drcd: '10001', rate: 0, zais: [RX] },
  ];
  const saved = saveOutpatientVisit(
    clinic,
    book,
    { ptid: 7, sryymd: '20250110', today: '20250111', termid: 't', pairs },
    audit,
  );
  expect(saved.map((s) => [s.hkncombinum, s.denpnum, s.rennum, s.doujiRennum])).toEqual([
    ['0001', 11, 1, 1],
    ['9999', 12, 1, 2],
  ]);
  expect(book.rows('tbl_syunou_main').map((r) => r.denpnum)).toEqual([11]);
  expect(book.rows('tbl_santei').map((r) => r.srycd)).toEqual(['112007410']);
  expect(book.find('tbl_sryacct_main', { hkncombi: 9999 }).length).toBe(1);
  expect(book.rows('tbl_srykarrk').length).toBe(1);
});
