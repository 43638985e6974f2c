import { columnList, series } from './column-list.js';
import type { TableDefinition } from './table-definition.js';

/** 受診履歴: one row per visit (department, day, 同日連番, 同時連番, 会計連番) listing up to 15 剤 (枝番 for more). */
export const tbl_jyurrk: TableDefinition = {
  name: 'tbl_jyurrk',
  release: '5.1',
  sources: ['sql/schema/tbl_jyurrk.sql', 'record/tbl_jyurrk.db'],
  columns: columnList(`
    ptid bigint NOT NULL, nyugaikbn character(1) NOT NULL, sryka character(2) NOT NULL,
    sryymd character(8) NOT NULL, rennum smallint NOT NULL, douji_rennum smallint NOT NULL,
    kaikei_rennum smallint NOT NULL, edanum smallint NOT NULL, drcd character(5), hkncombinum character(4),
    hknkbn character(1), denpnum integer, grp_denpnum integer DEFAULT 0, grp_rennum smallint DEFAULT 0,
    syu_updkbn character(1) DEFAULT ' '::bpchar, ${series(11, (i) => `srykbn${i} character(2)`)},
    ${series(15, (i) => `zainum${i} integer`)}, termid character varying(16), opid character varying(16),
    creymd character(8), upymd character(8), uphms character(6), hospnum smallint NOT NULL,
  `),
  primaryKey: ['hospnum', 'ptid', 'nyugaikbn', 'sryka', 'sryymd', 'rennum', 'douji_rennum', 'kaikei_rennum', 'edanum'],
  indexes: [
    { name: 'idx_jyurrk_sryymd', columns: ['hospnum', 'sryymd', 'nyugaikbn'] },
    { name: 'idx_jyurrk_upymd', columns: ['hospnum', 'upymd', 'nyugaikbn'] },
  ],
};
