/**
 * Which clinic an ORCA database belongs to and which database structure it has, read the way ORCA reads
 * them (docs/orca-data.md §2): the clinics are the `hospnum`s of `tbl_sysbase`; the 医療機関コード is
 * characters 1–10 of `tbl_syskanri` kanricd `1001`, kbncd `*` of that hospnum, in the row valid on the
 * date (styukymd ≤ date ≤ edyukymd): prefecture (2) + point table (1) + code (7); the structure version is
 * `tbl_dbkanri` kanricd `ORCADB00` `version` (e.g. `050100-1`). Pure: rows come from a dump or a database.
 */
import type { CopyRow } from './copy-text.js';

export type IdentityProblem =
  /** `tbl_sysbase` missing or empty: not an ORCA database, or a damaged one. */
  | 'noClinic'
  /** More than one hospnum (グループ診療): which clinic is meant cannot be told. */
  | 'severalClinics'
  /** No 1001 row of the clinic is valid on the date. */
  | 'noInstitutionRow'
  /** Several valid 1001 rows name different codes. */
  | 'ambiguousInstitutionRow'
  /** The valid 1001 row's characters 1–10 are not 10 digits. */
  | 'malformedInstitutionCode'
  /** The environment's own answer names no code (a cloud health answer with an empty code). */
  | 'notAnswered';

export interface ClinicIdentity {
  /** Distinct hospnums of `tbl_sysbase`, ascending. */
  hospnums: number[];
  /** 10 digits, or null with `problem` saying why. */
  institutionCode: string | null;
  problem: IdentityProblem | null;
  /** `ORCADB00` version as stored (trimmed), or null when absent. */
  structureVersion: string | null;
}

/** The three tables' rows; null when the table is absent. `syskanri` may hold other kanricds (ignored). */
export interface IdentityRows {
  sysbase: readonly CopyRow[] | null;
  syskanri: readonly CopyRow[] | null;
  dbkanri: readonly CopyRow[] | null;
}

const trim = (value: string | null | undefined): string => (value ?? '').trim();

/** Reads the identity for `date` (`YYYYMMDD`). */
export function readClinicIdentity(rows: IdentityRows, date: string): ClinicIdentity {
  const hospnums = [...new Set((rows.sysbase ?? []).map((r) => Number(trim(r.hospnum))))]
    .filter((n) => Number.isInteger(n))
    .sort((a, b) => a - b);
  const version = (rows.dbkanri ?? []).find((r) => trim(r.kanricd) === 'ORCADB00');
  const structureVersion = trim(version?.version) || null;
  const result = (institutionCode: string | null, problem: IdentityProblem | null): ClinicIdentity => ({
    hospnums,
    institutionCode,
    problem,
    structureVersion,
  });
  if (hospnums.length === 0) return result(null, 'noClinic');
  if (hospnums.length > 1) return result(null, 'severalClinics');
  const valid = (rows.syskanri ?? []).filter(
    (r) =>
      trim(r.kanricd) === '1001' &&
      trim(r.kbncd) === '*' &&
      Number(trim(r.hospnum)) === hospnums[0] &&
      trim(r.styukymd) <= date &&
      trim(r.edyukymd) >= date,
  );
  const codes = [
    ...new Set(
      valid.map((r) =>
        Array.from(r.kanritbl ?? '')
          .slice(0, 10)
          .join(''),
      ),
    ),
  ];
  if (codes.length === 0) return result(null, 'noInstitutionRow');
  if (codes.length > 1) return result(null, 'ambiguousInstitutionRow');
  return /^\d{10}$/.test(codes[0]!) ? result(codes[0]!, null) : result(null, 'malformedInstitutionCode');
}

/** A structure version `NNNNNN-R` (`050100-1`): release digits and revision, compared as numbers. */
export interface StructureVersion {
  release: number;
  revision: number;
}

export function parseStructureVersion(text: string | null): StructureVersion | null {
  const match = text === null ? null : /^(\d{6})-(\d{1,4})$/.exec(text.trim());
  return match ? { release: Number(match[1]), revision: Number(match[2]) } : null;
}

/** Negative when `a` is older than `b`, 0 when equal, positive when newer. */
export function compareStructureVersions(a: StructureVersion, b: StructureVersion): number {
  return a.release !== b.release ? a.release - b.release : a.revision - b.revision;
}
