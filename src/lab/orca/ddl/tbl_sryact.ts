import { columnList, series } from './column-list.js';
import type { TableDefinition } from './table-definition.js';

/** 診療行為: the codes of a 剤, five cells a row (`rennum` 1, 2, …), written once when the 剤 is created. */
export const tbl_sryact: TableDefinition = {
  name: 'tbl_sryact',
  release: '5.1',
  sources: ['sql/schema/tbl_sryact.sql', 'record/tbl_sryact.db'],
  columns: columnList(`
    nyugaikbn character(1) NOT NULL, ptid bigint NOT NULL, sryka character(2) NOT NULL, sryym character(6) NOT NULL,
    zainum integer NOT NULL, rennum smallint NOT NULL, srysyukbn character(3), srykbn character(2),
    jihimoneytotal integer DEFAULT 0,
    ${series(
      5,
      (i) => `
      srycd${i} character(9), srysuryo${i} numeric(10,5) DEFAULT 0, srykaisu${i} smallint DEFAULT 0,
      meiskyflg${i} character(1), autokbn${i} character(1), inputnum${i} smallint DEFAULT 0,
      jihimoney${i} integer DEFAULT 0
    `,
    )},
    termid character varying(16), opid character varying(16), creymd character(8), upymd character(8),
    uphms character(6), hospnum smallint NOT NULL, ${series(5, (i) => `kansuryo${i} numeric(10,5) DEFAULT 0`)},
  `),
  primaryKey: ['hospnum', 'nyugaikbn', 'ptid', 'sryka', 'sryym', 'zainum', 'rennum'],
  indexes: [],
};
