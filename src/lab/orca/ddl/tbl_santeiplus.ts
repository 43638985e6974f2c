import { columnList } from './column-list.js';
import type { TableDefinition } from './table-definition.js';

/** 算定履歴附加: dated extras of 算定履歴 (リハビリ開始日 and the like), written by other screens. */
export const tbl_santeiplus: TableDefinition = {
  name: 'tbl_santeiplus',
  release: '5.1',
  sources: ['sql/schema/tbl_santeiplus.sql', 'sql/4.7/orcadbup_santeiplus_4.7.0-1.sql', 'record/tbl_santeiplus.db'],
  columns: columnList(`
    hospnum smallint NOT NULL, ptid bigint DEFAULT 0 NOT NULL, sryym character(6) NOT NULL,
    srycd character(9) NOT NULL, nyugaikbn character(1) NOT NULL, sryka character(2) NOT NULL,
    hkncombinum smallint NOT NULL, daykey smallint NOT NULL, rennum smallint NOT NULL,
    comment character varying(80), termid character varying(16), opid character varying(16), creymd character(8),
    upymd character(8), uphms character(6), endymd character varying(8),
  `),
  primaryKey: ['hospnum', 'ptid', 'sryym', 'srycd', 'nyugaikbn', 'sryka', 'hkncombinum', 'daykey', 'rennum'],
  indexes: [],
};
