import { columnList, series } from './column-list.js';
import type { TableDefinition } from './table-definition.js';

/** 患者病名: diseases by department and start date; ended by 転帰, soft-deleted by `dltflg`. */
export const tbl_ptbyomei: TableDefinition = {
  name: 'tbl_ptbyomei',
  release: '5.1',
  sources: [
    'sql/schema/tbl_ptbyomei.sql',
    'sql/4.8/orcadbup_ptbyomei_4.8.0-1.sql',
    'sql/4.9/orcadbup_ptbyomei_4.9.0-1.sql',
    'sql/4.9/orcadbup_ptbyomei_4.9.0-2.sql',
    'record/tbl_ptbyomei.db',
  ],
  columns: columnList(`
    ptid bigint NOT NULL, sryka character(2) NOT NULL, sryymd character(8) NOT NULL, rennum smallint NOT NULL,
    khnbyomeicd character varying(7), ${series(6, (i) => `byomeiinputcd_${i} character varying(20)`)},
    byomeicdsu smallint DEFAULT 0, ${series(21, (i) => `byomeicd_${i} character varying(7)`)},
    utagaiflg character(1), syubyoflg character(1), manseikbn smallint DEFAULT 0, nyugaikbn character(1),
    hkncombi smallint DEFAULT 0, rezeflg character(1), rezemm smallint DEFAULT 0, tenkikbn character(1),
    tenkiymd character varying(8), byomei character varying(160), byomeimoji smallint DEFAULT 0,
    chartbyomei character varying(160), chartbyomeimoji smallint DEFAULT 0, byomeihenflg character(1),
    hknbyomeiflg character(1), recedenflg character(1), hknnum character varying(3),
    ${series(3, (i) => `khnbuicd_${i} character varying(7)`)}, dltflg character(1), dlt_opid character varying(16),
    termid character varying(16), opid character varying(16), creymd character(8), upymd character(8),
    uphms character(6), hospnum smallint NOT NULL, seqnum smallint DEFAULT 0, hosoku_comment character varying(80),
    ${series(3, (i) => `hosokucd_${i} character varying(20)`)}, kohid bigint, crehms character varying(6),
    dischargeflg character varying(1), class1 smallint DEFAULT 0, class2 smallint DEFAULT 0,
  `),
  primaryKey: ['hospnum', 'ptid', 'sryka', 'sryymd', 'rennum'],
  indexes: [],
};
