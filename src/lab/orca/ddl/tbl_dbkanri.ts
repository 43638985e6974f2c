import type { TableDefinition } from './table-definition.js';

/**
 * DB管理: row `ORCADB00` carries the database structure version (`version`, e.g. `050100-1`). The columns
 * `dbrversion1/2` were dropped in 3.5 (`sql/3.5/orcadbup_dbkanri_3.5.0-1.sql`).
 */
export const tbl_dbkanri: TableDefinition = {
  name: 'tbl_dbkanri',
  release: '5.1',
  sources: ['sql/schema/tbl_dbkanri.sql', 'record/tbl_dbkanri.db', 'sql/3.5/orcadbup_dbkanri_3.5.0-1.sql'],
  columns: [
    { name: 'kanricd', type: 'character(8)', notNull: true },
    { name: 'version', type: 'character varying(64)' },
    { name: 'dbsversion1', type: 'character varying(64)' },
    { name: 'dbsversion2', type: 'character varying(64)' },
    { name: 'termid', type: 'character varying(32)' },
    { name: 'opid', type: 'character varying(16)' },
    { name: 'creymd', type: 'character(8)' },
    { name: 'upymd', type: 'character(8)' },
    { name: 'uphms', type: 'character(6)' },
  ],
  primaryKey: ['kanricd'],
  indexes: [],
};
