import { columnList } from './column-list.js';
import type { TableDefinition } from './table-definition.js';

/** 患者公費: one row per 公費 the patient has had (`kohid` from `tbl_ptnum.kohid`). */
export const tbl_ptkohinf: TableDefinition = {
  name: 'tbl_ptkohinf',
  release: '5.1',
  sources: ['sql/schema/tbl_ptkohinf.sql', 'record/tbl_ptkohinf.db'],
  columns: columnList(`
    ptid bigint NOT NULL, kohid bigint NOT NULL, kohnum character(3), paykbn character(2), ftnjanum character(8),
    jkysnum character(20), tekstymd character(8), tekedymd character(8), kakuninymd character(8),
    sakjokbn character(1), termid character varying(16), opid character varying(16), creymd character(8),
    upymd character(8), uphms character(6), hospnum smallint NOT NULL, tekedchkkbn character(1),
  `),
  primaryKey: ['hospnum', 'ptid', 'kohid'],
  indexes: [],
};
