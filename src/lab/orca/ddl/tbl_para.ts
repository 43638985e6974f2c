import { columnList } from './column-list.js';
import type { TableDefinition } from './table-definition.js';

/**
 * パラメタ: per-terminal work records between screens (e.g. the 剤 being saved); emptied by WebORCA's
 * importer. 4.8 dropped and re-created it, so its columns come from that migration, not sql/schema.
 */
export const tbl_para: TableDefinition = {
  name: 'tbl_para',
  release: '5.1',
  sources: ['sql/4.8/orcadbup_para_4.8.0-1.sql', 'sql/5.0/orcadbup_para_5.0.0-1.sql', 'record/tbl_para.db'],
  columns: columnList(`
    hospnum smallint NOT NULL, gyoumuid character varying(4) NOT NULL, termid character varying(64) NOT NULL,
    filemei character varying(20) NOT NULL, edanum smallint DEFAULT 0 NOT NULL, data_rec character varying(5000),
    upymd character(8), uphms character(6),
  `),
  primaryKey: ['hospnum', 'gyoumuid', 'termid', 'filemei', 'edanum'],
  indexes: [],
};
