/**
 * Reads the `COPY <table> (<columns>) FROM stdin;` blocks of the SQL that `pg_restore --data-only --file=-`
 * prints (COPY text format). Untrusted input: a block without its `\.` end is read up to the end of the
 * text, and every value stays a string (or null for `\N`) for the caller to validate.
 */

/** One row of a COPY block, by column name. */
export type CopyRow = Record<string, string | null>;

const COPY_HEADER = /^COPY (?:"?(\w+)"?\.)?"?(\w+)"? \(([^)]*)\) FROM stdin;$/;

/** The rows of each table's COPY block, keyed by the bare table name. */
export function parseCopyBlocks(sql: string): Map<string, CopyRow[]> {
  const tables = new Map<string, CopyRow[]>();
  const lines = sql.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const header = COPY_HEADER.exec(lines[i]!);
    if (!header) continue;
    const columns = header[3]!.split(',').map((c) => c.trim().replace(/^"|"$/g, ''));
    const rows = tables.get(header[2]!) ?? [];
    for (i++; i < lines.length && lines[i] !== '\\.'; i++) {
      const fields = lines[i]!.split('\t').map(unescapeCopyField);
      rows.push(Object.fromEntries(columns.map((name, k) => [name, fields[k] ?? null])));
    }
    tables.set(header[2]!, rows);
  }
  return tables;
}

/** COPY text format: `\N` is NULL; backslash escapes for tab, newline, carriage return and backslash. */
function unescapeCopyField(field: string): string | null {
  if (field === '\\N') return null;
  return field.replace(
    /\\(.)/g,
    (_, ch: string) => (({ t: '\t', n: '\n', r: '\r', '\\': '\\' }) as Record<string, string>)[ch] ?? ch,
  );
}
