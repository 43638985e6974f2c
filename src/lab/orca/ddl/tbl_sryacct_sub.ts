import { columnList } from './column-list.js';
import type { TableDefinition } from './table-definition.js';

/** 診療会計 (従): a 剤's count on one day for that day's 2nd…9th visit (`rennum` = the visit's 同日連番). */
export const tbl_sryacct_sub: TableDefinition = {
  name: 'tbl_sryacct_sub',
  release: '5.1',
  sources: ['sql/schema/tbl_sryacct_sub.sql', 'record/tbl_sryacct_sub.db'],
  columns: columnList(`
    hospnum smallint NOT NULL, ptid bigint NOT NULL, zainum integer NOT NULL, rennum smallint NOT NULL,
    date_hi smallint NOT NULL, day_cnt smallint,
  `),
  primaryKey: ['hospnum', 'ptid', 'zainum', 'rennum', 'date_hi'],
  indexes: [],
};
