import { columnList, series } from './column-list.js';
import type { TableDefinition } from './table-definition.js';

/** レセプト更新: patient-months whose receipts must be remade after the month's batch (一括作成) ran. */
export const tbl_receupd: TableDefinition = {
  name: 'tbl_receupd',
  release: '5.1',
  sources: ['sql/schema/tbl_receupd.sql', 'record/tbl_receupd.db'],
  columns: columnList(`
    ptid numeric(10,0) NOT NULL, nyugaikbn character(1) NOT NULL, sryka character(2) NOT NULL,
    sryym character(6) NOT NULL, hknkbn character(1) NOT NULL, hknkbn2 character(1) NOT NULL, receymd character(8),
    onlupd character(1), ${series(10, (i) => `onlupd${i} character(1)`)}, termid character varying(64),
    opid character varying(16), creymd character(8), upymd character(8), uphms character(6),
    hospnum numeric(2,0) NOT NULL,
  `),
  primaryKey: ['hospnum', 'ptid', 'nyugaikbn', 'sryka', 'sryym', 'hknkbn', 'hknkbn2'],
  indexes: [{ name: 'idx_receupd_upymd', columns: ['hospnum', 'upymd', 'nyugaikbn'] }],
};
