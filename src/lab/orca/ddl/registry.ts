/**
 * Every ORCA table the lab creates from a recorded definition, in creation order. A plain list: add one
 * import and one entry per table.
 */
import type { TableDefinition } from './table-definition.js';
import { tbl_dbkanri } from './tbl_dbkanri.js';
import { tbl_sysbase } from './tbl_sysbase.js';
import { tbl_syskanri } from './tbl_syskanri.js';

export const RECORDED_TABLES: readonly TableDefinition[] = [tbl_syskanri, tbl_dbkanri, tbl_sysbase];
