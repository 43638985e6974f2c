/**
 * Rows as ORCA writes them. ORCA's COBOL programs move a whole record to the database (panda's
 * `dblib/PostgreSQL.c` sends every field of the record), so a row ORCA wrote has no NULL: a blank
 * character field is stored blank, a blank varchar as '' (trailing spaces trimmed), a number as 0.
 * `orcaRow` fills every column of a recorded table that way and refuses a column the table does not have.
 */
import { RECORDED_TABLES } from './ddl/registry.js';
import type { TableDefinition } from './ddl/table-definition.js';

/** A row by column name; `undefined` (a column read from another row that lacks it) is written as NULL. */
export type Row = Record<string, string | number | null | undefined>;

const blanks = new Map<string, Row>();

function blankValue(type: string): string | number | null {
  if (type.startsWith('character')) return '';
  if (/^(smallint|integer|bigint|numeric)/.test(type)) return 0;
  return null;
}

/** The recorded definition of `name`; throws for a table the lab does not record. */
export function tableOf(name: string): TableDefinition {
  const table = RECORDED_TABLES.find((t) => t.name === name);
  if (!table) throw new Error(`${name} is not a recorded table`);
  return table;
}

/** ORCA's blank row of `table`: every column present, none NULL (except types COBOL has no value for). */
export function blankRow(table: string): Row {
  let blank = blanks.get(table);
  if (!blank) {
    blank = Object.fromEntries(tableOf(table).columns.map((c) => [c.name, blankValue(c.type)]));
    blanks.set(table, blank);
  }
  return { ...blank };
}

/** A full row of `table` with `values` set; throws on a column the table does not have. */
export function orcaRow(table: string, values: Row): Row {
  const row = blankRow(table);
  for (const [column, value] of Object.entries(values)) {
    if (!(column in row)) throw new Error(`${table}.${column} does not exist`);
    row[column] = value;
  }
  return row;
}
