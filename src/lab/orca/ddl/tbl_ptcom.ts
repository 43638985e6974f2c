import { columnList, series } from './column-list.js';
import type { TableDefinition } from './table-definition.js';

/**
 * 患者コメント: the text and input values typed into a comment code of a 剤, keyed by the cell's `inputnum`.
 * Follows 5.1 except `inputchi5`, which has WebORCA 5.2's width.
 */
export const tbl_ptcom: TableDefinition = {
  name: 'tbl_ptcom',
  release: '5.1',
  sources: ['sql/schema/tbl_ptcom.sql', 'record/tbl_ptcom.db'],
  columns: columnList(`
    ptid bigint NOT NULL, zainum integer NOT NULL, srycd character(9) NOT NULL, rennum smallint NOT NULL,
    inputcoment character varying(80), ${series(4, (i) => `inputchi${i} character varying(8)`)},
    termid character varying(16), opid character varying(16), creymd character(8), upymd character(8),
    uphms character(6), hospnum smallint NOT NULL, inputchi5 character varying(10),
  `),
  primaryKey: ['hospnum', 'ptid', 'zainum', 'srycd', 'rennum'],
  indexes: [],
  laterColumns: [
    {
      name: 'inputchi5',
      source:
        'WebORCA 5.2 widens it to character varying(10) (5.1: varchar(8), sql/4.6/orcadbup_ptcom_4.6.0-1.sql): ' +
        'circlemouth/jma-receipt-docker-for-Ubuntu-22.04 logs/orca/orca-db-install-5.2.0.log',
    },
  ],
};
