import { columnList, series } from './column-list.js';
import type { TableDefinition } from './table-definition.js';

/** ジョブ管理: batch jobs and their progress; emptied by WebORCA's importer. */
export const tbl_jobkanri: TableDefinition = {
  name: 'tbl_jobkanri',
  release: '5.1',
  sources: [
    'sql/schema/tbl_jobkanri.sql',
    'sql/4.7/orcadbup_jobkanri_4.7.0-1.sql',
    'sql/5.1/orcadbup_jobkanri_5.1.0-1.sql',
    'record/tbl_jobkanri.db',
  ],
  columns: columnList(`
    jobid numeric(7,0) DEFAULT 0 NOT NULL, shellid character(8) NOT NULL, run_opid character(16) NOT NULL,
    shellmsg character(100), termid character varying(32), opid character varying(16), pgid character(20),
    startymd character(8), endymd character(8), jobstarttime character(8), jobendtime character(8),
    stepstarttime character(8), stependtime character(8), param character(256), errcd character(4),
    syokbn character(1), sryym character(6), nyugaikbn character(1), sryymd character(8), ptid numeric(10,0),
    updcnt numeric(10,0), stepcnt numeric(3,0) DEFAULT 0, stopflg numeric(1,0) DEFAULT 0,
    ${series(4, (i) => `pid${i} numeric(5,0) DEFAULT 0`)}, yobi character varying(500),
    hospnum numeric(2,0) NOT NULL, updcnt1 numeric(10,0), updcnt2 numeric(10,0), karte_uid character varying(36),
    orca_uid character varying(36),
  `),
  primaryKey: ['hospnum', 'jobid', 'shellid', 'run_opid'],
  indexes: [],
};
