/**
 * Primary keys and value normalisation for the tables a book holds: recorded tables from their
 * definitions; `tbl_syskanri` from its fixed layout until issue #15 records it (then the record wins).
 */
import { RECORDED_TABLES } from '../ddl/registry.js';
import type { Row } from '../orca-row.js';

interface Shape {
  key: readonly string[];
  types: Map<string, string>;
  /** Per column: 1 character(n) (trimmed), 2 a number type, 0 anything else. */
  kinds?: Map<string, number>;
}

const SYSKANRI: Shape = {
  key: ['hospnum', 'kanricd', 'kbncd', 'styukymd', 'edyukymd'],
  types: new Map(
    Object.entries({
      hospnum: 'numeric(2,0)',
      kanricd: 'character(4)',
      kbncd: 'character(8)',
      styukymd: 'character(8)',
      edyukymd: 'character(8)',
      kanritbl: 'character varying(500)',
      termid: 'character varying(16)',
      opid: 'character varying(16)',
      creymd: 'character(8)',
      upymd: 'character(8)',
      uphms: 'character(6)',
    }),
  ),
};

const shapes = new Map<string, Shape>();

function shapeOf(table: string): Shape {
  let shape = shapes.get(table);
  if (!shape) {
    const recorded = RECORDED_TABLES.find((t) => t.name === table);
    if (recorded) shape = { key: recorded.primaryKey, types: new Map(recorded.columns.map((c) => [c.name, c.type])) };
    else if (table === 'tbl_syskanri') shape = SYSKANRI;
    else throw new Error(`${table} is not a recorded table`);
    shapes.set(table, shape);
  }
  return shape;
}

export function keyColumnsOf(table: string): readonly string[] {
  return shapeOf(table).key;
}

/**
 * ORCA's view of a value: `character(n)` without trailing blanks (PostgreSQL pads on output), numeric and
 * bigint (which pg returns as text) as numbers. `strict` refuses a column the table does not have.
 */
export function normaliseRow(table: string, row: Row, strict = true): Row {
  const shape = shapeOf(table);
  const kinds = (shape.kinds ??= new Map(
    [...shape.types].map(([c, t]) => [
      c,
      t.startsWith('character(') ? 1 : /^(bigint|numeric|integer|smallint)/.test(t) ? 2 : 0,
    ]),
  ));
  const out: Row = {};
  for (const column in row) {
    const value = row[column];
    const kind = kinds.get(column);
    if (kind === undefined && strict) throw new Error(`${table}.${column} does not exist`);
    if (value === null || value === undefined || !kind) out[column] = value;
    else if (kind === 1) out[column] = typeof value === 'string' ? value.trimEnd() : String(value);
    else out[column] = typeof value === 'number' ? value : Number(value);
  }
  return out;
}
