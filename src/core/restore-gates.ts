/**
 * The gates a restore passes before anything is touched (RELIABILITY.md lessons 3 and 6): can the archive
 * be read and restored into the target's server, and does it belong to the same clinic. Each check keeps
 * the values it compared, so the command prints them whether it passes or not.
 */
import { archiveVersionReadable, dumpRestorableInto, newestReadableArchiveVersion } from './dump-header.js';
import { GuardError } from './errors.js';

export type GateName = 'archiveVersion' | 'serverVersion' | 'institution';

/** One comparison: `dump` is what the archive says, `target` what it is compared with. */
export interface GateCheck {
  gate: GateName;
  dump: string;
  target: string;
  ok: boolean;
}

export interface VersionGateInput {
  /** `Dump Version` of the archive header, e.g. `1.14-0`. */
  dumpVersion: string | null;
  /** `Dumped by pg_dump version`, and its major. */
  dumpedBy: string | null;
  dumpedByMajor: number | null;
  /** The pg_restore that will read the archive (null: the environment restores it itself). */
  pgRestore: { version: string; major: number } | null;
  /** The server the archive goes into (null: unknown, e.g. a cloud environment). */
  server: { version: string; major: number } | null;
}

/**
 * Archive version readable by the local pg_restore, and an archive of pg_dump ≥ 17 not restored into a
 * server ≤ 16 (`transaction_timeout`). A check whose other side is unknown is left out: a cloud
 * environment restores with its own tools and answers for them.
 */
export function checkVersions(input: VersionGateInput): GateCheck[] {
  const checks: GateCheck[] = [];
  if (input.pgRestore !== null) {
    const dump = input.dumpVersion ?? '?';
    const ok = input.dumpVersion !== null && archiveVersionReadable(input.dumpVersion, input.pgRestore.major);
    checks.push({
      gate: 'archiveVersion',
      dump,
      target: `pg_restore ${input.pgRestore.version} (≤ ${newestReadableArchiveVersion(input.pgRestore.major)})`,
      ok,
    });
  }
  if (input.server !== null) {
    const ok = input.dumpedByMajor !== null && dumpRestorableInto(input.dumpedByMajor, input.server.major);
    checks.push({
      gate: 'serverVersion',
      dump: `pg_dump ${input.dumpedBy ?? '?'}`,
      target: `server ${input.server.version}`,
      ok,
    });
  }
  return checks;
}

export interface InstitutionGateInput {
  /** 医療機関コード found in the dump's `tbl_sysbase`; null when the dump does not say. */
  dump: string | null;
  /** `clinic.institutionCode` of the config. */
  configured: string;
  /** What the target's current database (or the cloud's health answer) says; null when it does not say. */
  target: string | null;
}

/**
 * The dump must name the configured clinic, and the target (when it names one) must be the same clinic.
 * A dump that names no clinic cannot be confirmed and fails the gate too: there is no override short of
 * editing the config (RELIABILITY.md lesson 6).
 */
export function checkInstitution(input: InstitutionGateInput): GateCheck {
  const dump = input.dump ?? '?';
  const expected =
    input.target === null || input.target === input.configured
      ? input.configured
      : `${input.configured} / ${input.target}`;
  const ok =
    input.dump !== null && input.dump === input.configured && (input.target === null || input.target === input.dump);
  return { gate: 'institution', dump, target: expected, ok };
}

/** Throws GuardError (exit 5) naming the first failed gate and its compared values; returns otherwise. */
export function assertGates(checks: readonly GateCheck[]): void {
  const failed = checks.find((c) => !c.ok);
  if (!failed) return;
  throw new GuardError({
    key: `restore.gate.${failed.gate}.refused`,
    params: { dump: failed.dump, target: failed.target },
    hintKey: `restore.gate.${failed.gate}.hint`,
  });
}
