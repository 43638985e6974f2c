import { columnList } from './column-list.js';
import type { TableDefinition } from './table-definition.js';

/** 患者番号: patient id ↔ patient number, with the per-patient 保険ID, 公費ID and 保険組合せ counters. */
export const tbl_ptnum: TableDefinition = {
  name: 'tbl_ptnum',
  release: '5.1',
  sources: ['sql/schema/tbl_ptnum.sql', 'record/tbl_ptnum.db'],
  columns: columnList(`
    ptid bigint NOT NULL, ptnum character(20) NOT NULL, hknid bigint DEFAULT 0, kohid bigint DEFAULT 0,
    autocombinum smallint DEFAULT 0, manucombinum smallint DEFAULT 0, tstptnumkbn character(1),
    termid character varying(16), opid character varying(16), creymd character(8), upymd character(8),
    uphms character(6), hospnum smallint NOT NULL,
  `),
  primaryKey: ['hospnum', 'ptid'],
  indexes: [{ name: 'idx_ptnum_ptnum', columns: ['hospnum', 'ptnum'] }],
};
