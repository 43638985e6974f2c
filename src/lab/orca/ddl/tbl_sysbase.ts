import type { TableDefinition } from './table-definition.js';

/**
 * システム基本: the clinics (医療機関識別番号 `hospnum`) of the database, one row per group number; created
 * in 3.5 with one row `(1, 1, '＊', …)`. It holds no 医療機関コード: that is `tbl_syskanri` 1001.
 */
export const tbl_sysbase: TableDefinition = {
  name: 'tbl_sysbase',
  release: '5.1',
  sources: ['sql/schema/tbl_sysbase.sql', 'record/tbl_sysbase.db', 'sql/3.5/orcadbcr_sysbase_3.5.0-1.sql'],
  columns: [
    { name: 'grpnum', type: 'numeric(2,0)', notNull: true },
    { name: 'hospnum', type: 'numeric(2,0)', notNull: true },
    { name: 'hospname', type: 'character varying(120)' },
    { name: 'kigen', type: 'character(8)', default: "'99999999'::bpchar" },
    { name: 'honbungrp', type: 'numeric(2,0)', default: '0' },
    { name: 'honbunkbn', type: 'character(1)', default: "'0'::bpchar" },
    { name: 'creymd', type: 'character(8)' },
    { name: 'upymd', type: 'character(8)' },
    { name: 'uphms', type: 'character(6)' },
  ],
  primaryKey: ['grpnum'],
  indexes: [],
};
