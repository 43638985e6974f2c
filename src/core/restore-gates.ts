/**
 * The gates a restore passes before anything is touched (RELIABILITY.md lessons 3 and 6): can the archive
 * be read and restored into the target's server, does it hold one clinic, the same clinic, and a database
 * structure the target's WebORCA can run. Each check keeps
 * the values it compared, so the command prints them whether it passes or not.
 */
import { archiveVersionReadable, dumpRestorableInto, newestReadableArchiveVersion } from './dump-header.js';
import { compareStructureVersions, parseStructureVersion, type ClinicIdentity } from './clinic-identity.js';
import { GuardError } from './errors.js';

export type GateName = 'archiveVersion' | 'serverVersion' | 'clinics' | 'institution' | 'structure';

/** One comparison: `dump` is what the archive says, `target` what it is compared with. */
export interface GateCheck {
  gate: GateName;
  dump: string;
  target: string;
  ok: boolean;
  /** Why a value could not be read (catalog key), shown under a failed check. */
  detail?: { key: string; params: Record<string, string> };
  /** Something the person should know although the check passed (catalog key). */
  warning?: { key: string; params: Record<string, string> };
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

/** What the environment being replaced says about itself (`RestoreTarget.inspect`). */
export interface TargetIdentity extends ClinicIdentity {
  /** False: the environment has no database yet (a fresh installation): nothing to compare with. */
  exists: boolean;
}

/**
 * The dump holds exactly one clinic (`tbl_sysbase` hospnum): a dump of a group practice, or one without
 * any clinic, is refused — which clinic it restores cannot be told.
 */
export function checkClinics(dump: ClinicIdentity, target: TargetIdentity): GateCheck {
  const list = (hospnums: readonly number[]): string => (hospnums.length === 0 ? '-' : hospnums.join(', '));
  return {
    gate: 'clinics',
    dump: list(dump.hospnums),
    target: target.exists && target.hospnums.length > 0 ? list(target.hospnums) : '-',
    ok: dump.hospnums.length === 1,
  };
}

/**
 * The dump's 医療機関コード must equal the configured one, and the target's (when it names one) must equal
 * it too. A dump whose code cannot be read fails (there is no override short of editing the config); a
 * target whose code cannot be read passes with a warning saying so — it is never skipped silently.
 */
export function checkInstitution(dump: ClinicIdentity, configured: string, target: TargetIdentity): GateCheck {
  const targetCode = target.exists ? target.institutionCode : null;
  const expected = targetCode === null || targetCode === configured ? configured : `${configured} / ${targetCode}`;
  const ok = dump.institutionCode === configured && (targetCode === null || targetCode === dump.institutionCode);
  const check: GateCheck = { gate: 'institution', dump: dump.institutionCode ?? '?', target: expected, ok };
  if (dump.institutionCode === null && dump.problem !== null) {
    check.detail = { key: `restore.identity.dump.${dump.problem}`, params: { hospnums: dump.hospnums.join(', ') } };
  } else if (target.exists && target.problem !== null) {
    check.warning = {
      key: `restore.identity.target.${target.problem}`,
      params: { hospnums: target.hospnums.join(', ') },
    };
  }
  return check;
}

/**
 * ORCA's database structure version (`tbl_dbkanri` ORCADB00): a dump newer than the target's structure is
 * refused (the target's program cannot run it); an older one passes with a warning that WebORCA upgrades
 * the structure when it starts; an unknown target version passes with a warning; a dump without a
 * version is not an ORCA dump and fails.
 */
export function checkStructure(dump: ClinicIdentity, target: TargetIdentity): GateCheck {
  const dumpVersion = parseStructureVersion(dump.structureVersion);
  const targetVersion = target.exists ? parseStructureVersion(target.structureVersion) : null;
  const check: GateCheck = {
    gate: 'structure',
    dump: dump.structureVersion ?? '?',
    target: (target.exists ? target.structureVersion : null) ?? '?',
    ok: dumpVersion !== null,
  };
  if (dumpVersion === null) return check;
  if (targetVersion === null) {
    if (target.exists) check.warning = { key: 'restore.structure.targetUnknown', params: {} };
    return check;
  }
  const order = compareStructureVersions(dumpVersion, targetVersion);
  if (order > 0) check.ok = false;
  if (order < 0) check.warning = { key: 'restore.structure.older', params: { dump: check.dump, target: check.target } };
  return check;
}

/** Throws GuardError (exit 5) naming the first failed gate and its compared values; returns otherwise. */
export function assertGates(checks: readonly GateCheck[]): void {
  const failed = checks.find((c) => !c.ok);
  if (!failed) return;
  throw new GuardError({
    key: failed.detail?.key ?? `restore.gate.${failed.gate}.refused`,
    params: { dump: failed.dump, target: failed.target, ...failed.detail?.params },
    hintKey: `restore.gate.${failed.gate}.hint`,
    hintParams: { dump: failed.dump, target: failed.target },
  });
}
