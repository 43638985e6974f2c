import type { TableDefinition } from './table-definition.js';

/**
 * システム管理マスタ: one row per (hospnum, 管理コード, 区分コード, validity range); `kanritbl` is a fixed-layout
 * text record whose layout depends on `kanricd` (1001 医療機関情報, 0041/0042 slip counters, 1009 患者番号構成 …).
 * `hospnum` was added in 3.5 (`sql/3.5/orcadbup_syskanri_3.5.0-1.sql`), hence last; no index besides the key.
 */
export const tbl_syskanri: TableDefinition = {
  name: 'tbl_syskanri',
  release: '5.1',
  sources: ['sql/schema/tbl_syskanri.sql', 'record/tbl_syskanri.db', 'sql/3.5/orcadbup_syskanri_3.5.0-1.sql'],
  columns: [
    { name: 'kanricd', type: 'character(4)', notNull: true },
    { name: 'kbncd', type: 'character(8)', notNull: true },
    { name: 'styukymd', type: 'character(8)', notNull: true },
    { name: 'edyukymd', type: 'character(8)', notNull: true },
    { name: 'kanritbl', type: 'character varying(500)' },
    { name: 'termid', type: 'character varying(16)' },
    { name: 'opid', type: 'character varying(16)' },
    { name: 'creymd', type: 'character(8)' },
    { name: 'upymd', type: 'character(8)' },
    { name: 'uphms', type: 'character(6)' },
    { name: 'hospnum', type: 'numeric(2,0)', notNull: true },
  ],
  primaryKey: ['hospnum', 'kanricd', 'kbncd', 'styukymd', 'edyukymd'],
  indexes: [],
};
