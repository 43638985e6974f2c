import { columnList, series } from './column-list.js';
import type { TableDefinition } from './table-definition.js';

/** 算定履歴: per patient, month and code, the count on each day (for 算定回数 limits). */
export const tbl_santei: TableDefinition = {
  name: 'tbl_santei',
  release: '5.1',
  sources: ['sql/schema/tbl_santei.sql', 'record/tbl_santei.db'],
  columns: columnList(`
    ptid numeric(10,0) NOT NULL, sryym character(6) NOT NULL, srycd character(9) NOT NULL,
    nyugaikbn character(1) NOT NULL, sryka character(2) NOT NULL, hkncombinum numeric(4,0) DEFAULT 0 NOT NULL,
    fsanteiymd character(8), msanteid character(2), msanteicnt numeric(3,0) DEFAULT 0,
    ${series(31, (i) => `day${i} numeric(3,0) DEFAULT 0`)}, msanteiflg numeric(1,0) DEFAULT 0,
    msanteiten numeric(8,0) DEFAULT 0, msanteitenkbn numeric(1,0) DEFAULT 0, termid character varying(16),
    opid character varying(16), creymd character(8), upymd character(8), uphms character(6),
    hospnum numeric(2,0) NOT NULL,
  `),
  primaryKey: ['hospnum', 'ptid', 'sryym', 'srycd', 'nyugaikbn', 'sryka', 'hkncombinum'],
  indexes: [],
};
