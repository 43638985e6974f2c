import { columnList } from './column-list.js';
import type { TableDefinition } from './table-definition.js';

/**
 * 患者保険: one row per insurance the patient has had (`hknid` from `tbl_ptnum.hknid`). Follows 5.1 plus
 * WebORCA 5.2's `edaban`, appended as a later ALTER TABLE would.
 */
export const tbl_pthkninf: TableDefinition = {
  name: 'tbl_pthkninf',
  release: '5.1',
  sources: ['sql/schema/tbl_pthkninf.sql', 'record/tbl_pthkninf.db'],
  columns: columnList(`
    ptid bigint NOT NULL, hknid bigint NOT NULL, hknnum character(3), hknjanum character(8),
    hihknjaname character varying(100), honkzkkbn character(1), hojokbn character(1), contkbn character(1),
    kigo character varying(80), num character varying(80), skkgetymd character(8), tekstymd character(8),
    tekedymd character(8), kakuninymd character(8), sakjokbn character(1), termid character varying(16),
    opid character varying(16), creymd character(8), upymd character(8), uphms character(6),
    hospnum smallint NOT NULL, edaban character varying(2),
  `),
  primaryKey: ['hospnum', 'ptid', 'hknid'],
  indexes: [],
  laterColumns: [
    {
      name: 'edaban',
      source:
        'WebORCA 5.2 (保険証の枝番): circlemouth/jma-receipt-docker-for-Ubuntu-22.04 ' +
        'logs/orca/orca-db-install-5.2.0.log ("columcheck [ tbl_pthkninf.edaban ] exist"); its type is unverified',
    },
  ],
};
