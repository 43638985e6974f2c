import { columnList } from './column-list.js';
import type { TableDefinition } from './table-definition.js';

/** API パラメタ: per-request work records of the API; emptied by WebORCA's importer. */
export const tbl_api_para: TableDefinition = {
  name: 'tbl_api_para',
  release: '5.1',
  sources: ['sql/4.9/orcadbcr_api_spa_4.9.0-1.sql', 'sql/5.0/orcadbup_api_para_5.0.0-1.sql', 'record/tbl_api_para.db'],
  columns: columnList(`
    hospnum smallint NOT NULL, gyoumuid character varying(8) NOT NULL, termid character varying(64) NOT NULL,
    filemei character varying(20) NOT NULL, edanum integer DEFAULT 0 NOT NULL, karte_uid character varying(36),
    ptnum character varying(20), data_rec character varying(5000), upymd character(8), uphms character(6),
  `),
  primaryKey: ['hospnum', 'gyoumuid', 'termid', 'filemei', 'edanum'],
  indexes: [],
};
