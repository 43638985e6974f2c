/**
 * An in-memory copy of the rows ORCA's save rules read and write, keyed by each table's primary key, with
 * the log of what changed. The rules (`../save/`) run synchronously against a book; `lab enter` loads a
 * book from the database and applies its change log in one transaction (`sql-book.ts`), the generator
 * keeps books in memory and writes their rows in bulk. Values are normalised as ORCA's COBOL sees them:
 * character columns without trailing blanks, numeric and bigint columns as numbers.
 */
import type { Row } from '../orca-row.js';
import { keyColumnsOf, normaliseRow } from './table-keys.js';

export interface Change {
  op: 'insert' | 'update' | 'delete';
  table: string;
  row: Row;
}

export class Book {
  private readonly tables = new Map<string, Map<string, Row>>();
  readonly changes: Change[] = [];

  constructor(private readonly recordChanges = true) {}

  private tableRows(table: string): Map<string, Row> {
    let rows = this.tables.get(table);
    if (!rows) this.tables.set(table, (rows = new Map()));
    return rows;
  }

  private keyOf(table: string, row: Row): string {
    return keyColumnsOf(table)
      .map((column) => {
        const value = row[column];
        if (value === undefined) throw new Error(`${table}: key column ${column} missing`);
        return String(value);
      })
      .join('\u0001');
  }

  /** Rows read from the database (or carried over): stored without a change record. */
  load(table: string, rows: readonly Row[]): void {
    const map = this.tableRows(table);
    for (const row of rows) {
      const normalised = normaliseRow(table, row);
      map.set(this.keyOf(table, normalised), normalised);
    }
  }

  rows(table: string): Row[] {
    return [...this.tableRows(table).values()];
  }

  /** Rows whose columns equal `where` (character values compared without trailing blanks). */
  find(table: string, where: Row): Row[] {
    const entries = Object.entries(normaliseRow(table, where, false));
    return this.rows(table).filter((row) => entries.every(([column, value]) => row[column] === value));
  }

  get(table: string, key: Row): Row | undefined {
    return this.tableRows(table).get(this.keyOf(table, normaliseRow(table, key, false)));
  }

  /** INSERT: a row whose key exists is refused, as the primary key would. */
  insert(table: string, row: Row): Row {
    const normalised = normaliseRow(table, row);
    const key = this.keyOf(table, normalised);
    const map = this.tableRows(table);
    if (map.has(key)) throw new Error(`${table}: duplicate key ${key.replaceAll('\u0001', ', ')}`);
    map.set(key, normalised);
    this.log('insert', table, normalised);
    return normalised;
  }

  /** UPDATE of the whole row by its key (panda's default UPDATE sets every column). */
  update(table: string, row: Row): Row {
    const normalised = normaliseRow(table, row);
    const key = this.keyOf(table, normalised);
    const map = this.tableRows(table);
    if (!map.has(key)) throw new Error(`${table}: no row ${key.replaceAll('\u0001', ', ')} to update`);
    map.set(key, normalised);
    this.log('update', table, normalised);
    return normalised;
  }

  delete(table: string, row: Row): void {
    const key = this.keyOf(table, normaliseRow(table, row, false));
    if (this.tableRows(table).delete(key)) this.log('delete', table, row);
  }

  /** Removes and returns the rows of `table` that `predicate` selects (the generator's flush). */
  take(table: string, predicate: (row: Row) => boolean = () => true): Row[] {
    const map = this.tableRows(table);
    const taken: Row[] = [];
    for (const [key, row] of map) {
      if (!predicate(row)) continue;
      taken.push(row);
      map.delete(key);
    }
    return taken;
  }

  private log(op: Change['op'], table: string, row: Row): void {
    if (this.recordChanges) this.changes.push({ op, table, row: { ...row } });
  }
}
