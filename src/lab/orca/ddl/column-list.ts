/**
 * A compact way to write a recorded table's columns: the text of a column list as PostgreSQL prints it
 * (`name type [DEFAULT expr] [NOT NULL]`, comma-separated, types and defaults in `format_type` /
 * `pg_get_expr` form), turned into `ColumnDefinition`s. ORCA's wide tables (`tbl_syunou_main` has 214
 * columns) stay readable this way, and the text can be set beside `sql/schema/<table>.sql` line by line.
 */
import type { ColumnDefinition } from './table-definition.js';

/** Splits on commas outside parentheses and quotes: `numeric(12,5)` and `','::bpchar` stay whole. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "'") quoted = !quoted;
    else if (!quoted && ch === '(') depth++;
    else if (!quoted && ch === ')') depth--;
    else if (!quoted && depth === 0 && ch === ',') {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.replace(/\s+/g, ' ').trim()).filter((p) => p !== '');
}

function parseColumn(spec: string): ColumnDefinition {
  let rest = spec;
  const notNull = / NOT NULL$/.test(rest);
  if (notNull) rest = rest.slice(0, -' NOT NULL'.length);
  const [head, defaultText] = rest.split(' DEFAULT ', 2) as [string, string | undefined];
  const space = head.indexOf(' ');
  if (space < 0) throw new Error(`column spec without a type: ${spec}`);
  return {
    name: head.slice(0, space),
    type: head.slice(space + 1),
    ...(notNull ? { notNull: true } : {}),
    ...(defaultText !== undefined ? { default: defaultText } : {}),
  };
}

/** Parses a column list; throws on a column named twice (a copying slip the catalog would also reject). */
export function columnList(text: string): ColumnDefinition[] {
  const columns = splitTopLevel(text).map(parseColumn);
  const seen = new Set<string>();
  for (const column of columns) {
    if (seen.has(column.name)) throw new Error(`column ${column.name} listed twice`);
    seen.add(column.name);
  }
  return columns;
}

/**
 * A numbered run as column-list text: `series(15, (i) => \`zainum${i} integer\`)` → `zainum1 integer, …,
 * zainum15 integer`. Several columns per step keep ORCA's interleaved order (`srycd1, srysuryo1, … srycd2`).
 */
export function series(count: number, columnsOf: (i: number) => string, from = 1): string {
  return Array.from({ length: count }, (_, k) => columnsOf(from + k)).join(', ');
}
