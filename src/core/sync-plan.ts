/**
 * Pure decisions of `sync` and `backup` (RELIABILITY.md lessons 2 and 4): which remote backup is the
 * newest, whether the catalog already holds it, what a resumed download's answer means, and whether the
 * cloud emergency environment may receive an upload now.
 */
import { isUsable, type CatalogEntry } from './backup-catalog.js';
import type { EnvironmentName } from './domain.js';
import type { BackupInfo } from './ports.js';
import type { OrcaState } from './state.js';

/** The newest backup by its `createdAt` metadata (ties: the larger id), never by the server's order or names. */
export function chooseNewestBackup<T extends BackupInfo>(backups: readonly T[]): T | null {
  let best: T | null = null;
  for (const backup of backups) {
    const t = Date.parse(backup.createdAt);
    if (Number.isNaN(t)) continue;
    if (!best || t > Date.parse(best.createdAt) || (t === Date.parse(best.createdAt) && backup.id > best.id))
      best = backup;
  }
  return best;
}

/**
 * The catalog entry that already holds `backup` usable (same env, id and sha256, verified, not found damaged
 * since), or null: a damaged or vanished copy counts as absent, so `sync` fetches it again.
 */
export function findCataloged(
  entries: readonly CatalogEntry[],
  env: EnvironmentName,
  backup: BackupInfo,
): CatalogEntry | null {
  return (
    entries.find((e) => e.source === env && e.id === backup.id && e.sha256 === backup.sha256 && isUsable(e)) ?? null
  );
}

/** What to do with the answer to a download asked from `offset` (the bytes a partial file holds). */
export type ResumeStep =
  /** 206 from the offset asked for: append the body. */
  | { kind: 'append' }
  /** 200: the server sent the whole file (Range ignored, or the backup changed): truncate, write from 0. */
  | { kind: 'restart' }
  /** 416 and the partial has exactly the total size: nothing left to fetch, verify it. */
  | { kind: 'complete' }
  /** 416 but the partial is longer than the file, or of unknown fit: discard it and fetch from 0. */
  | { kind: 'discard' }
  | { kind: 'missing' };

export function resumeStepFor(
  answer: { status: number; total: number | null },
  offset: number,
  expectedSize: number,
): ResumeStep {
  if (answer.status === 206) return { kind: 'append' };
  if (answer.status === 200) return { kind: 'restart' };
  if (answer.status === 416) {
    const total = answer.total ?? expectedSize;
    return offset === total && offset === expectedSize ? { kind: 'complete' } : { kind: 'discard' };
  }
  return { kind: 'missing' };
}

export type UploadDecision =
  | { upload: true }
  /** `emergencyActive`: the tool's state says the cloud emergency environment is in use (emergency or
   *  recovery mode with cloud selected); `emergencyReportsActive`: the environment itself says so. */
  | { upload: false; reason: 'disabled' | 'emergencyActive' | 'emergencyReportsActive' };

/**
 * Whether `sync` may upload to the cloud emergency environment. Never while it is the active one: the
 * outage's data lives there, and an upload could be restored over it (manual §3.2.8).
 */
export function decideUpload(
  state: Pick<OrcaState, 'mode' | 'selectedEmergency'>,
  reportedMode: string | null,
  enabled: boolean,
): UploadDecision {
  if (!enabled) return { upload: false, reason: 'disabled' };
  if (state.mode !== 'normal' && state.selectedEmergency === 'cloud')
    return { upload: false, reason: 'emergencyActive' };
  if (reportedMode === 'emergency-fa' || reportedMode === 'recovery-fa')
    return { upload: false, reason: 'emergencyReportsActive' };
  return { upload: true };
}

/** A backup id for a dump this tool makes itself: `20260906T011028Z-local`, sortable and path-safe. */
export function makeDumpId(env: EnvironmentName, at: Date): string {
  const stamp = at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  const suffix = env === 'operating' ? 'operating' : env === 'cloudEmergency' ? 'cloud' : 'local';
  return `${stamp}-${suffix}`;
}
