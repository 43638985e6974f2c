import { columnList, series } from './column-list.js';
import type { TableDefinition } from './table-definition.js';

/** 排他制御: per terminal, up to 50 (業務, patient) locks held by ORCA's screens; emptied by WebORCA's importer. */
export const tbl_lock: TableDefinition = {
  name: 'tbl_lock',
  release: '5.1',
  sources: [
    'sql/schema/tbl_lock.sql',
    'sql/4.8/orcadbup_lock_4.8.0-1.sql',
    'sql/4.8/orcadbup_lock_4.8.0-2.sql',
    'record/tbl_lock.db',
  ],
  columns: columnList(`
    lock_termid character(64) NOT NULL, lock_opid character varying(16),
    ${series(50, (i) => `locktable_ldname${i} character varying(20)`)},
    ${series(50, (i) => `locktable_ptid${i} character(10)`)},
    ${series(50, (i) => `locktable_sryym${i} character(8)`)},
    ${series(50, (i) => `locktable_startdate${i} character(8)`)},
    ${series(50, (i) => `locktable_enddate${i} character(8)`)},
    ${series(50, (i) => `locktable_starttime${i} character(8)`)},
    ${series(50, (i) => `locktable_endtime${i} character(8)`)},
    ${series(50, (i) => `locktable_flg${i} character(1)`)}, hospnum numeric(2,0) NOT NULL,
    karte_uid character varying(36),
  `),
  primaryKey: ['hospnum', 'lock_termid'],
  indexes: [],
};
