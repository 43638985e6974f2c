/**
 * The project's own record of one ORCA table, written from ORCA's source (see docs/orca-data.md): the
 * lab creates its tables from these, and a test compares the created database's catalog with them, so
 * the lab cannot drift from real ORCA without a failing test.
 *
 * Columns are listed in the physical order a real ORCA database has them: the order of the table's
 * `sql/schema/<table>.sql` snapshot, then the columns each later `sql/<version>/` migration added, in
 * migration order. A dump's `COPY` lines carry that order, so the lab's dumps look like a clinic's.
 */

/** One column as PostgreSQL reports it (`format_type`), e.g. `character(8)`, `numeric(2,0)`, `bigint`. */
export interface ColumnDefinition {
  readonly name: string;
  readonly type: string;
  readonly notNull?: boolean;
  /** The default as SQL text, e.g. `0`, `' '::bpchar`. */
  readonly default?: string;
}

export interface IndexDefinition {
  readonly name: string;
  readonly columns: readonly string[];
  readonly unique?: boolean;
}

export interface TableDefinition {
  readonly name: string;
  /** The ORCA release the definition follows, e.g. `5.1`; a later addition is named in `laterColumns`. */
  readonly release: string;
  /** Files (in jma-receipt, branch master-utf8) the columns, types, keys and indexes come from. */
  readonly sources: readonly string[];
  readonly columns: readonly ColumnDefinition[];
  readonly primaryKey: readonly string[];
  /** The primary key's constraint name when it is not ORCA's `<table>_primary_key` (panda's tables: `_pkey`). */
  readonly primaryKeyName?: string;
  readonly indexes: readonly IndexDefinition[];
  /** Sequences created with the table (not owned by a column), e.g. panda's `seqmonpushevent`. */
  readonly sequences?: readonly string[];
  /** Columns beyond `release` (e.g. WebORCA 5.2 additions), each with where it was found. */
  readonly laterColumns?: readonly { readonly name: string; readonly source: string }[];
}

/** `CREATE TABLE` (with the primary key named as ORCA names it) and `CREATE INDEX` statements. */
export function createTableStatements(table: TableDefinition): string[] {
  const columns = table.columns.map((c) => {
    const parts = [c.name, c.type];
    if (c.default !== undefined) parts.push(`DEFAULT ${c.default}`);
    if (c.notNull) parts.push('NOT NULL');
    return parts.join(' ');
  });
  if (table.primaryKey.length > 0) {
    const key = table.primaryKeyName ?? `${table.name}_primary_key`;
    columns.push(`CONSTRAINT ${key} PRIMARY KEY (${table.primaryKey.join(', ')})`);
  }
  return [
    `CREATE TABLE ${table.name} (\n  ${columns.join(',\n  ')}\n)`,
    ...table.indexes.map(
      (index) =>
        `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX ${index.name} ON ${table.name} (${index.columns.join(', ')})`,
    ),
    ...(table.sequences ?? []).map((name) => `CREATE SEQUENCE ${name}`),
  ];
}

/** `name type` pairs for a run of numbered columns: `numbered('zainum', 15, 'integer')` → zainum1 … zainum15. */
export function numbered(
  prefix: string,
  count: number,
  type: string,
  extra: Omit<ColumnDefinition, 'name' | 'type'> = {},
): ColumnDefinition[] {
  return Array.from({ length: count }, (_, k) => ({ name: `${prefix}${k + 1}`, type, ...extra }));
}
