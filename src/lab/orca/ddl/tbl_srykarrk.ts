import { columnList } from './column-list.js';
import type { TableDefinition } from './table-definition.js';

/** 診療科履歴: first (初診) and last visit date per patient and department. */
export const tbl_srykarrk: TableDefinition = {
  name: 'tbl_srykarrk',
  release: '5.1',
  sources: ['sql/schema/tbl_srykarrk.sql', 'sql/4.8/orcadbup_srykarrk_4.8.0-1.sql', 'record/tbl_srykarrk.db'],
  columns: columnList(`
    ptid bigint NOT NULL, sryka character(2) NOT NULL, syosinymd1 character(8), syosinymd2 character(8),
    lastymd character(8), termid character varying(16), opid character varying(16), creymd character(8),
    upymd character(8), uphms character(6), hospnum smallint NOT NULL,
  `),
  primaryKey: ['hospnum', 'ptid', 'sryka'],
  indexes: [],
};
