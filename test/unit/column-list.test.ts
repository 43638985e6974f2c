import { columnList, series } from '../../src/lab/orca/ddl/column-list.js';
import { blankRow, orcaRow } from '../../src/lab/orca/orca-row.js';

test('parses types with commas, quoted defaults and NOT NULL, in order', () => {
  expect(
    columnList(`
      suryoutotal numeric(12,5) DEFAULT 0, syu_updkbn character(1) DEFAULT ' '::bpchar,
      odd character(1) DEFAULT ','::bpchar NOT NULL, pushed_at timestamp with time zone
    `),
  ).toEqual([
    { name: 'suryoutotal', type: 'numeric(12,5)', default: '0' },
    { name: 'syu_updkbn', type: 'character(1)', default: "' '::bpchar" },
    { name: 'odd', type: 'character(1)', default: "','::bpchar", notNull: true },
    { name: 'pushed_at', type: 'timestamp with time zone' },
  ]);
});

test('series keeps interleaved runs in order and may start past 1', () => {
  expect(series(2, (i) => `srycd${i} character(9), srysuryo${i} numeric(10,5)`)).toBe(
    'srycd1 character(9), srysuryo1 numeric(10,5), srycd2 character(9), srysuryo2 numeric(10,5)',
  );
  expect(columnList(series(2, (i) => `jihi_${i} integer`, 6)).map((c) => c.name)).toEqual(['jihi_6', 'jihi_7']);
});

test('refuses a column listed twice and a column without a type', () => {
  expect(() => columnList('zainum1 integer, zainum1 integer')).toThrow('zainum1 listed twice');
  expect(() => columnList('zainum1')).toThrow('without a type');
});

test('rows are written as ORCA writes them: no NULL, blanks for text, 0 for numbers; unknown columns refused', () => {
  const row = orcaRow('tbl_sryacct_sub', { ptid: 7, zainum: 3, rennum: 2, date_hi: 5, day_cnt: 1 });
  expect(row).toEqual({ ptid: 7, zainum: 3, rennum: 2, date_hi: 5, day_cnt: 1, hospnum: 0 });
  expect(Object.values(blankRow('tbl_jyurrk'))).not.toContain(null);
  expect(() => orcaRow('tbl_sryacct_main', { srysyukbn: '210' })).toThrow('tbl_sryacct_main.srysyukbn does not exist');
});
