/**
 * Reads the clinic's 医療機関コード out of the SQL that `pg_restore --data-only --table=tbl_sysbase --file=-`
 * prints for a dump: the `COPY public.tbl_sysbase (…) FROM stdin;` block in COPY text format. The lab
 * keeps the code in `tbl_sysbase.hospcd` (src/lab/orca/schema-ddl.ts); the row of the lowest `grpnum` wins.
 */

const COPY_HEADER = /^COPY (?:"?[\w]+"?\.)?"?tbl_sysbase"? \(([^)]*)\) FROM stdin;$/;

/** The institution code (10 digits) in the dump's `tbl_sysbase`, or null when the dump does not hold one. */
export function parseInstitutionCode(sql: string): string | null {
  const lines = sql.split('\n');
  const start = lines.findIndex((line) => COPY_HEADER.test(line));
  if (start < 0) return null;
  const columns = COPY_HEADER.exec(lines[start]!)![1]!
    .split(',')
    .map((c) => c.trim().replace(/^"|"$/g, ''));
  const codeAt = columns.indexOf('hospcd');
  const groupAt = columns.indexOf('grpnum');
  if (codeAt < 0) return null;
  let best: { group: number; code: string | null } | null = null;
  for (let i = start + 1; i < lines.length && lines[i] !== '\\.'; i++) {
    const fields = lines[i]!.split('\t').map(unescapeCopyField);
    const group = groupAt < 0 ? 0 : Number(fields[groupAt] ?? NaN);
    if (best !== null && !(group < best.group)) continue;
    const raw = fields[codeAt];
    const code = raw === null || raw === undefined ? null : raw.trim();
    best = {
      group: Number.isNaN(group) ? Number.MAX_SAFE_INTEGER : group,
      code: code !== null && /^\d{10}$/.test(code) ? code : null,
    };
  }
  return best?.code ?? null;
}

/** COPY text format: `\N` is NULL; backslash escapes for tab, newline, carriage return and backslash. */
function unescapeCopyField(field: string): string | null {
  if (field === '\\N') return null;
  return field.replace(
    /\\(.)/g,
    (_, ch: string) => (({ t: '\t', n: '\n', r: '\r', '\\': '\\' }) as Record<string, string>)[ch] ?? ch,
  );
}
