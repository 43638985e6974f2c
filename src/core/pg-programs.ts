/**
 * PostgreSQL's programs as the tool found them (`adapters/process/pg-tools.ts` finds them): what
 * `config validate` and `status --verbose` show, and what the renderers read.
 */

/** Where a program was found: the `postgres.binDir` setting, a PATH folder, or a standard install folder. */
export type PgSource = 'setting' | 'path' | 'standard';

export interface PgProgram {
  name: string;
  path: string;
  source: PgSource;
  /** From the folder's name or the real path's layout, else from `--version`; null when neither tells. */
  major: number | null;
}

export interface PgProgramReport {
  name: string;
  /** The copy the tool runs (with what `--version` printed); null when none was found. */
  chosen: (PgProgram & { version: string | null }) | null;
  /** Other copies found, newest first. */
  others: PgProgram[];
}

export interface PgToolsReport {
  /** The `postgres.binDir` setting; null: PATH, then the standard folders, were searched. */
  binDir: string | null;
  programs: PgProgramReport[];
  /** The places searched, in order, as a person reads them. */
  searched: string[];
}
