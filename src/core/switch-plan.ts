/**
 * What a switch will do, shown before anything changes (RELIABILITY.md lesson 5): the transition, the
 * emergency environment, what each environment will be told and whether it answers now, the restore point
 * (switching to emergency) and the visits diff-copy would still copy (switching to normal). And the manual's
 * next steps once it is done (§4).
 */
import { newestVerified, type CatalogEntry } from './backup-catalog.js';
import type { EmergencyChoice, EnvironmentName, Mode, ReportedMode } from './domain.js';
import type { TransitionVerdict } from './mode-machine.js';
import type { CopyableVisitsCount } from './ports.js';
import type { RestorePoint } from './state.js';

/** One environment a switch tells its mode. */
export interface EnvironmentPlan {
  env: EnvironmentName;
  /**
   * The emergency environment not in use: told `normal` only when it answers and believes otherwise (a
   * switch never owes it a push — its VM is often off for months).
   */
  bystander: boolean;
  /** The mode it is told (PUT /mode, or the database's mode table). */
  tell: Mode;
  /** What it will report in `X-Hybridmode` then. */
  reports: ReportedMode;
  reachable: boolean;
  /** What it reports now (null: not reachable, or it does not say). */
  current: string | null;
  /** Why it could not be reached; its push stays pending. */
  error: unknown;
}

/** The emergency environment's restore point against the newest verified backup in the catalog. */
export type RestorePointCheck =
  | { kind: 'current'; point: RestorePoint; newest: CatalogEntry }
  /** Nothing was ever restored into it (as far as the state knows). */
  | { kind: 'none'; newest: CatalogEntry | null }
  /** Something older than the newest verified backup (or a backup the catalog no longer lists). */
  | { kind: 'older'; point: RestorePoint; newest: CatalogEntry }
  /** A point is recorded, but the catalog holds no verified backup to compare it with. */
  | { kind: 'noBackup'; point: RestorePoint };

export interface SwitchPlan {
  from: Mode;
  to: Mode;
  verdict: TransitionVerdict;
  /** The emergency environment selected once the switch is done. */
  selected: EmergencyChoice;
  /** Set when `--target` selects another emergency environment as part of the switch. */
  previousSelected: EmergencyChoice | null;
  emergencyEnv: EnvironmentName;
  environments: EnvironmentPlan[];
  /** Switching to emergency only. */
  restorePoint: RestorePointCheck | null;
  /** Switching to normal only. */
  copyable: CopyableVisitsCount | null;
}

/**
 * Compares the recorded restore point of `env` with the newest verified backup `restore` would choose (the
 * newest by creation time that did not come from `env` itself). Never refuses: the manual switches first and
 * restores afterwards (§4 (1)–(2)).
 */
export function checkRestorePoint(
  env: EnvironmentName,
  point: RestorePoint | undefined,
  entries: readonly CatalogEntry[],
): RestorePointCheck {
  const newest = newestVerified(entries.filter((e) => e.source !== env));
  if (!point) return { kind: 'none', newest };
  if (!newest) return { kind: 'noBackup', point };
  if (point.backupId === newest.id) return { kind: 'current', point, newest };
  const restored = entries.find((e) => e.id === point.backupId)?.createdAt ?? backupCreatedAt(point);
  const current = restored !== undefined && Date.parse(restored) >= Date.parse(newest.createdAt);
  return current ? { kind: 'current', point, newest } : { kind: 'older', point, newest };
}

/** When the restored backup was made, where a later release recorded it with the restore point. */
function backupCreatedAt(point: RestorePoint): string | undefined {
  const value = (point as { backupCreatedAt?: unknown }).backupCreatedAt;
  return typeof value === 'string' ? value : undefined;
}

/**
 * The manual's next steps after a switch, as command lines (without the program name): after emergency,
 * restore the newest backup when the restore point is not current — with `--force`, since the environment is
 * now the one in use (restore takes a safety dump of it first) — then raise the emergency environment's
 * counters past the operating one's last-known values; after recovery, raise the operating environment's
 * counters past the emergency one's, copy back what was entered (diff-copy), then switch to normal; after
 * normal, check that every environment reports it.
 */
export function nextSteps(plan: Pick<SwitchPlan, 'to' | 'emergencyEnv' | 'restorePoint'>): string[][] {
  const env = plan.emergencyEnv;
  switch (plan.to) {
    case 'emergency':
      return [
        ...(plan.restorePoint?.kind === 'current' ? [] : [['restore', '--target', env, '--force']]),
        ['bump-seq', '--env', env, '--from-last-known'],
      ];
    case 'recovery':
      return [['bump-seq', '--env', 'operating', '--from', env], ['diff-copy'], ['switch', 'normal']];
    case 'normal':
      return [['status']];
  }
}
