/**
 * WebORCA's own bookkeeping table, which its importer drops after an import (`bin/onpre_db_import.sh` of
 * soya-miyoshi/weborca-docker). WebORCA's source is not public, so its shape here is the lab's guess
 * (docs/orca-data.md §8); only its name and that the importer drops it are facts.
 */
import { columnList } from './column-list.js';
import type { TableDefinition } from './table-definition.js';

export const aps_migrations: TableDefinition = {
  name: 'aps_migrations',
  release: 'WebORCA (shape unverified)',
  sources: ['soya-miyoshi/weborca-docker bin/onpre_db_import.sh (name only)'],
  columns: columnList('version character varying(64) NOT NULL, applied_at timestamp without time zone'),
  primaryKey: ['version'],
  primaryKeyName: 'aps_migrations_pkey',
  indexes: [],
};
