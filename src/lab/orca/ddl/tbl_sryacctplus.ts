import { columnList, series } from './column-list.js';
import type { TableDefinition } from './table-definition.js';

/** 診療会計附加情報: extra 剤 data (付加情報, 逓減 groups), present when `zaireqflg` is set. */
export const tbl_sryacctplus: TableDefinition = {
  name: 'tbl_sryacctplus',
  release: '5.1',
  sources: ['sql/schema/tbl_sryacctplus.sql', 'sql/4.7/orcadbup_sryacctplus_4.7.0-1.sql', 'record/tbl_sryacctplus.db'],
  columns: columnList(`
    nyugaikbn character(1) NOT NULL, ptid numeric(10,0) NOT NULL, sryka character(2) NOT NULL,
    sryym character(6) NOT NULL, zainum numeric(8,0) NOT NULL, rennum numeric(2,0) NOT NULL, pluskbn numeric(1,0),
    rsikingaku numeric(7,0),
    ${series(
      5,
      (i) => `
      srycd${i} character(9), syuten${i} numeric(7,0), ykzten${i} numeric(7,0), kizaiten${i} numeric(7,0),
      firten${i} numeric(7,0)
    `,
    )},
    sansoten numeric(7,0), chisoten numeric(7,0), ${series(15, (i) => `grp_zainum${i} numeric(8,0)`)},
    termid character varying(16), opid character varying(16), creymd character(8), upymd character(8),
    uphms character(6), hospnum numeric(2,0) NOT NULL, ingaiten integer,
  `),
  primaryKey: ['hospnum', 'nyugaikbn', 'ptid', 'sryka', 'sryym', 'zainum', 'rennum'],
  indexes: [],
};
