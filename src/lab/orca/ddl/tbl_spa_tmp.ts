import { columnList } from './column-list.js';
import type { TableDefinition } from './table-definition.js';

/** SPA 退避: per-terminal saved screen state; emptied by WebORCA's importer. */
export const tbl_spa_tmp: TableDefinition = {
  name: 'tbl_spa_tmp',
  release: '5.1',
  sources: ['sql/4.8/orcadbcr_spa_tmp_4.8.0-1.sql', 'sql/5.0/orcadbup_spa_tmp_5.0.0-1.sql', 'record/tbl_spa_tmp.db'],
  columns: columnList(`
    hospnum smallint NOT NULL, gyoumuid character varying(4) NOT NULL, termid character varying(64) NOT NULL,
    filemei character varying(20) NOT NULL, edanum smallint DEFAULT 0 NOT NULL, data_rec character varying(1000000),
    upymd character(8), uphms character(6),
  `),
  primaryKey: ['hospnum', 'gyoumuid', 'termid', 'filemei', 'edanum'],
  indexes: [],
};
