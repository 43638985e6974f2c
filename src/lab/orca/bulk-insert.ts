/**
 * Fast inserts for the generator: one `INSERT … SELECT * FROM unnest($1::type[], …)` per batch, a typed
 * array per column (no 65535-parameter limit, one round trip per few thousand rows). Column types are
 * read once per table from information_schema.
 */
import type pg from 'pg';
import type { Row } from './orca-row.js';

const BATCH_ROWS = 4000;
const typeCache = new WeakMap<pg.Client, Map<string, Map<string, string>>>();

async function columnTypes(client: pg.Client, table: string): Promise<Map<string, string>> {
  let tables = typeCache.get(client);
  if (!tables) typeCache.set(client, (tables = new Map()));
  const cached = tables.get(table);
  if (cached) return cached;
  const result = await client.query<{ column_name: string; udt_name: string }>(
    `SELECT column_name, udt_name FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = $1`,
    [table],
  );
  const types = new Map(result.rows.map((r) => [r.column_name, r.udt_name]));
  tables.set(table, types);
  return types;
}

/** Inserts rows that all have the same keys (the first row's keys are the column list). */
export async function insertRows(client: pg.Client, table: string, rows: readonly Row[]): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const columns = Object.keys(first);
  const types = await columnTypes(client, table);
  const casts = columns.map((column, i) => {
    const type = types.get(column);
    if (!type) throw new Error(`${table}.${column} does not exist`);
    return `$${i + 1}::${type}[]`;
  });
  const sql = `INSERT INTO ${table} (${columns.join(', ')}) SELECT * FROM unnest(${casts.join(', ')})`;
  for (let start = 0; start < rows.length; start += BATCH_ROWS) {
    const batch = rows.slice(start, start + BATCH_ROWS);
    const params = columns.map((column) => batch.map((row) => row[column] ?? null));
    await client.query(sql, params);
  }
}

/** Collects rows per table and writes a table's rows once enough have piled up. */
export class RowBuffer {
  private readonly pending = new Map<string, Row[]>();

  constructor(
    private readonly client: pg.Client,
    private readonly flushAt = BATCH_ROWS,
  ) {}

  async add(table: string, ...rows: Row[]): Promise<void> {
    let list = this.pending.get(table);
    if (!list) this.pending.set(table, (list = []));
    for (const row of rows) list.push(row);
    if (list.length >= this.flushAt) {
      this.pending.set(table, []);
      await insertRows(this.client, table, list);
    }
  }

  async flush(): Promise<void> {
    for (const [table, rows] of this.pending) {
      this.pending.set(table, []);
      await insertRows(this.client, table, rows);
    }
  }
}
