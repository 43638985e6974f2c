/**
 * A book over SQL, for `lab enter`: rows are read into it with plain SELECTs (no FOR UPDATE: ORCA locks
 * nothing), and its change log is written back in order as panda writes a record — INSERT with every
 * column, UPDATE of every non-key column by the primary key, DELETE by the primary key. Run both inside
 * one transaction, as ORCA's middleware runs one screen event.
 */
import type pg from 'pg';
import type { Row } from '../orca-row.js';
import type { Book } from './book.js';
import { keyColumnsOf } from './table-keys.js';

/** `SELECT * FROM table WHERE <where>` into the book; returns the rows as the book holds them. */
export async function loadRows(
  client: pg.Client,
  book: Book,
  table: string,
  where: string,
  params: readonly unknown[],
): Promise<Row[]> {
  const result = await client.query<Row>(`SELECT * FROM ${table} WHERE ${where}`, [...params]);
  book.load(table, result.rows);
  return result.rows.map((row) => book.get(table, row) as Row);
}

/** Writes the book's change log to the database, in the order the rules made the changes. */
export async function applyChanges(client: pg.Client, book: Book): Promise<void> {
  for (const { op, table, row } of book.changes) {
    const key = keyColumnsOf(table);
    const keyWhere = (offset: number): string => key.map((c, i) => `${c} = $${offset + i + 1}`).join(' AND ');
    const keyValues = key.map((c) => row[c]);
    if (op === 'insert') {
      const columns = Object.keys(row);
      await client.query(
        `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
        columns.map((c) => row[c]),
      );
    } else if (op === 'update') {
      const columns = Object.keys(row).filter((c) => !key.includes(c));
      await client.query(
        `UPDATE ${table} SET ${columns.map((c, i) => `${c} = $${i + 1}`).join(', ')} WHERE ${keyWhere(columns.length)}`,
        [...columns.map((c) => row[c]), ...keyValues],
      );
    } else {
      await client.query(`DELETE FROM ${table} WHERE ${keyWhere(0)}`, keyValues);
    }
  }
  book.changes.length = 0;
}
