/**
 * Compares a live table with its recorded ORCA definition (src/lab/orca/ddl): every column in order with
 * its type, NOT NULL and default, the primary key, and the index set. Returns one line per difference, so a
 * failing test says exactly what drifted.
 */
import type pg from 'pg';
import type { TableDefinition } from '../../src/lab/orca/ddl/table-definition.js';

interface LiveColumn {
  name: string;
  type: string;
  not_null: boolean;
  default: string | null;
}

export async function compareTable(client: pg.Client, table: TableDefinition): Promise<string[]> {
  const { rows: columns } = await client.query<LiveColumn>(
    `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null,
            pg_get_expr(d.adbin, d.adrelid) AS default
       FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY a.attnum`,
    [table.name],
  );
  if (columns.length === 0) return [`${table.name}: table missing`];
  const problems: string[] = [];
  const live = columns.map((c) => c.name).join(',');
  const recorded = table.columns.map((c) => c.name).join(',');
  if (live !== recorded) problems.push(`${table.name}: columns are (${live}), recorded (${recorded})`);
  for (const want of table.columns) {
    const got = columns.find((c) => c.name === want.name);
    if (!got) continue;
    if (got.type !== want.type) problems.push(`${table.name}.${want.name}: type ${got.type}, recorded ${want.type}`);
    if (got.not_null !== Boolean(want.notNull)) {
      problems.push(`${table.name}.${want.name}: NOT NULL is ${got.not_null}, recorded ${Boolean(want.notNull)}`);
    }
    if ((got.default ?? undefined) !== want.default) {
      problems.push(`${table.name}.${want.name}: default ${got.default ?? 'none'}, recorded ${want.default ?? 'none'}`);
    }
  }
  const { rows: indexes } = await client.query<{ name: string; primary: boolean; unique: boolean; columns: string[] }>(
    `SELECT i.relname AS name, x.indisprimary AS primary, x.indisunique AS unique,
            array(SELECT a.attname FROM unnest(x.indkey) WITH ORDINALITY k(attnum, n)
                    JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum ORDER BY k.n)::text[] AS columns
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
      WHERE x.indrelid = to_regclass($1)
      ORDER BY i.relname`,
    [table.name],
  );
  const primary = indexes.find((i) => i.primary);
  if ((primary?.columns ?? []).join(',') !== table.primaryKey.join(',')) {
    problems.push(
      `${table.name}: primary key (${primary?.columns.join(',') ?? ''}), recorded (${table.primaryKey.join(',')})`,
    );
  }
  const describe = (i: { name: string; unique?: boolean; columns: readonly string[] }): string =>
    `${i.name}${i.unique ? ' unique' : ''} (${i.columns.join(',')})`;
  const liveIndexes = indexes
    .filter((i) => !i.primary)
    .map(describe)
    .sort();
  const recordedIndexes = table.indexes.map(describe).sort();
  if (liveIndexes.join('; ') !== recordedIndexes.join('; ')) {
    problems.push(`${table.name}: indexes [${liveIndexes.join('; ')}], recorded [${recordedIndexes.join('; ')}]`);
  }
  return problems;
}
