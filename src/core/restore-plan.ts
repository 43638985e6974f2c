/**
 * Which backup goes into which environment, and what a restore there puts at risk (ARCHITECTURE.md
 * "Restore", RELIABILITY.md lessons 4, 5 and 8). Pure: the command supplies the catalog and the state.
 */
import { newestVerified, type CatalogEntry } from './backup-catalog.js';
import { emergencyEnvironmentOf, type EnvironmentName } from './domain.js';
import { GuardError, UsageError, VerificationError } from './errors.js';
import type { OrcaState } from './state.js';

/** The target when `--target` is not given: the selected emergency environment, never the operating one. */
export function defaultRestoreTarget(state: Pick<OrcaState, 'selectedEmergency'>): EnvironmentName {
  return emergencyEnvironmentOf(state.selectedEmergency);
}

/**
 * The dump to restore: the one named by `backupId` (which must be verified), else the newest verified dump
 * by its recorded creation time among those that did not come from the target itself (a safety dump of the
 * target is a way back, not the default). Throws UsageError for an unknown id, VerificationError (exit 6)
 * for an unverified one, GuardError when the catalog holds nothing usable.
 */
export function chooseRestoreBackup(
  entries: readonly CatalogEntry[],
  target: EnvironmentName,
  backupId?: string,
): CatalogEntry {
  if (backupId !== undefined) {
    const named = entries.filter((e) => e.id === backupId);
    if (named.length === 0)
      throw new UsageError({
        key: 'restore.backupNotFound',
        params: { id: backupId },
        hintKey: 'restore.backupNotFound.hint',
      });
    const verified = named.find((e) => e.verified);
    if (!verified)
      throw new VerificationError({
        key: 'restore.notVerified',
        params: { id: backupId },
        hintKey: 'restore.notVerified.hint',
      });
    if (verified.damaged) throw damagedBackupError(verified, nextUsableBackup(entries, target, verified), target);
    return verified;
  }
  const chosen = newestVerified(entries.filter((e) => e.source !== target));
  if (!chosen) {
    const hintKey = target === 'operating' ? 'restore.noBackup.operating.hint' : 'restore.noBackup.hint';
    throw new GuardError({ key: 'restore.noBackup', params: { env: target }, hintKey });
  }
  return chosen;
}

/** The backup the default choice would take if `excluded` were not in the catalog (after it proved damaged). */
export function nextUsableBackup(
  entries: readonly CatalogEntry[],
  target: EnvironmentName,
  excluded: CatalogEntry,
): CatalogEntry | null {
  return newestVerified(entries.filter((e) => e !== excluded && e.source !== target));
}

/**
 * A damaged dump refused (exit 6): it stays in the catalog, marked, and the hint names the exact
 * `--backup` of the next-newest verified one (or says there is none).
 */
export function damagedBackupError(
  damaged: CatalogEntry,
  alternative: CatalogEntry | null,
  target: EnvironmentName,
  cause?: { error: unknown; explained: string },
): VerificationError {
  return new VerificationError({
    key: `restore.damaged.${damaged.damaged?.check ?? 'archive'}`,
    params: { id: damaged.id },
    hintKey: alternative ? 'restore.damaged.hint' : 'restore.damaged.noAlternative.hint',
    hintParams: { id: damaged.id, target, backup: alternative?.id ?? '' },
    details: cause ? [cause.explained] : [],
    cause: cause?.error,
  });
}

/** A sidecar whose dump file is gone, as a catalog entry marked damaged (`missing`). */
export function missingDump(entry: CatalogEntry, now: Date = new Date()): CatalogEntry {
  return entry.damaged
    ? entry
    : { ...entry, damaged: { at: now.toISOString(), check: 'missing', detail: 'the dump file is missing' } };
}

/** What a restore into `target` puts at risk, from the recorded mode. */
export interface RestoreRisk {
  /** The target is the emergency environment in use during an outage: it may hold data entered since. */
  activeEmergency: boolean;
  /** The target is the operating environment (the manual's second scenario). */
  operating: boolean;
}

export function assessRestoreRisk(
  state: Pick<OrcaState, 'mode' | 'selectedEmergency'>,
  target: EnvironmentName,
): RestoreRisk {
  return {
    activeEmergency: state.mode !== 'normal' && target === emergencyEnvironmentOf(state.selectedEmergency),
    operating: target === 'operating',
  };
}

export interface RestoreGuardInput {
  risk: RestoreRisk;
  force: boolean;
  /** Whether the target's current database can be dumped before it is replaced. */
  canTakeSafetyDump: boolean;
}

/**
 * Applies the guards and says whether a safety dump is taken first. Restoring over the active emergency
 * environment is refused (exit 5) without `force`; with it, a safety dump is mandatory, so a target that
 * cannot be dumped is refused too. The operating environment gets a safety dump whenever it is reachable
 * directly. (The clinic-name confirmation for the operating environment is the caller's prompt.)
 */
export function applyRestoreGuards(input: RestoreGuardInput): { safetyDump: boolean } {
  const { risk, force, canTakeSafetyDump } = input;
  if (risk.activeEmergency) {
    if (!force)
      throw new GuardError({ key: 'restore.guard.activeEmergency', hintKey: 'restore.guard.activeEmergency.hint' });
    if (!canTakeSafetyDump)
      throw new GuardError({ key: 'restore.guard.noSafetyDump', hintKey: 'restore.guard.noSafetyDump.hint' });
    return { safetyDump: true };
  }
  return { safetyDump: risk.operating && canTakeSafetyDump };
}

/**
 * Compares the clinic name typed at the prompt (or `--confirm-clinic`) with the configured one, ignoring
 * surrounding blanks and full-width/half-width differences (NFKC). A mismatch is refused (exit 5).
 */
export function assertClinicNameTyped(typed: string, configured: string): void {
  const norm = (s: string): string => s.normalize('NFKC').trim().replace(/\s+/g, ' ');
  if (norm(typed) !== norm(configured)) {
    throw new GuardError({
      key: 'restore.guard.clinicNameMismatch',
      params: { typed: typed.slice(0, 80), configured },
      hintKey: 'restore.guard.clinicNameMismatch.hint',
    });
  }
}

/** Age of a backup (one calculation for every command: `core/backup-catalog.ts`). */
export { backupAgeSeconds } from './backup-catalog.js';
