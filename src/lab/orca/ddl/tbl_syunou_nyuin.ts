import { columnList, series } from './column-list.js';
import type { TableDefinition } from './table-definition.js';

/** 収納 (入院): the inpatient part of an inpatient slip (days, meals, room), beside `tbl_syunou_main`. */
export const tbl_syunou_nyuin: TableDefinition = {
  name: 'tbl_syunou_nyuin',
  release: '5.1',
  sources: [
    'sql/schema/tbl_syunou_nyuin.sql',
    'sql/4.9/orcadbup_syunou_nyuin_4.9.0-1.sql',
    'record/tbl_syunou_nyuin.db',
  ],
  columns: columnList(`
    nyugaikbn character(1) NOT NULL, ptid bigint NOT NULL, denpnum integer NOT NULL, roomnum character(8),
    byotonum character(2), rmsagaku integer, rmsagaku_tax_sai integer,
    ${series(7, (i) => `shokuji${i}_nissu smallint, shokuji${i} integer`)}, syuskj_nissu smallint,
    syuskj_ryoyohi integer, syuskj_ftn integer, syuskj_ftn_rece integer, syuskj_ftnkbn character(1),
    ${series(
      4,
      (i) => `
      koh${i}skj_nissu smallint, koh${i}skj_ryoyohi integer, koh${i}skj_ftn integer,
      koh${i}skj_ftn_rece integer, koh${i}skj_ftnkbn character(1)
    `,
    )},
    ryoyohi_skj integer, skymoney_skj integer, skymoney_skj_tax integer, skymoney_skj_kei integer,
    ryoyohi_skj_jihi integer, skymoney_skj_jihi integer, skymoney_skj_jihi_tax integer,
    skymoney_skj_jihi_kei integer, ${series(31, (i) => `day_${i} character(1)`)}, nyuin_rrknum smallint,
    ${series(3, (i) => `shokuji${i}_nissu smallint DEFAULT 0, shokuji${i} integer DEFAULT 0`, 8)},
    ryoyohi_life integer DEFAULT 0, skymoney_life integer DEFAULT 0, skymoney_life_tax integer DEFAULT 0,
    skymoney_life_kei integer DEFAULT 0, ryoyohi_life_jihi integer DEFAULT 0, skymoney_life_jihi integer DEFAULT 0,
    skymoney_life_jihi_tax integer DEFAULT 0, skymoney_life_jihi_kei integer DEFAULT 0, hospnum smallint NOT NULL,
    ${series(4, (i) => `shokuji${i}_nissu smallint DEFAULT 0, shokuji${i} integer DEFAULT 0`, 11)},
    ${series(5, (i) => `nyuinetc${i} integer DEFAULT 0`)},
  `),
  primaryKey: ['hospnum', 'nyugaikbn', 'ptid', 'denpnum'],
  indexes: [],
};
