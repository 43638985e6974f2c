import { columnList, series } from './column-list.js';
import type { TableDefinition } from './table-definition.js';

/** 診療会計 (主): one row per 剤 and month; `day_N` is the day's total count (table 1 of ORCDBACCT). */
export const tbl_sryacct_main: TableDefinition = {
  name: 'tbl_sryacct_main',
  release: '5.1',
  sources: ['sql/schema/tbl_sryacct_main.sql', 'record/tbl_sryacct_main.db'],
  columns: columnList(`
    hospnum smallint NOT NULL, nyugaikbn character(1) NOT NULL, ptid bigint NOT NULL, sryka character(2) NOT NULL,
    sryym character(6) NOT NULL, srykbn character(2) NOT NULL, zainum integer NOT NULL, hkncombi smallint DEFAULT 0,
    jihokbn character(1), zaiten integer DEFAULT 0, srycdtotal bigint DEFAULT 0,
    suryoutotal numeric(12,5) DEFAULT 0, meisaisu integer DEFAULT 0, zaikaisu integer DEFAULT 0,
    syuten1 integer DEFAULT 0, syuten2 integer DEFAULT 0, ykzten integer DEFAULT 0, kizaiten integer DEFAULT 0,
    drcd character(5), zaireqflg character(1), teigenrate smallint DEFAULT 0, rennummax smallint DEFAULT 0,
    ${series(31, (i) => `day_${i} smallint DEFAULT 0`)}, termid character varying(16), opid character varying(16),
    creymd character(8), upymd character(8), uphms character(6),
  `),
  primaryKey: ['hospnum', 'ptid', 'zainum'],
  indexes: [{ name: 'idx_sryacct_main_ptid_sryym', columns: ['hospnum', 'nyugaikbn', 'ptid', 'sryym'] }],
};
