/**
 * What `status` reads besides the environments: the state (mode, selection, last sync), the lock's holder
 * and the newest verified backup of the catalog, shaped as the status report shows them.
 */
import { backupAgeSeconds, newestVerified } from '../core/backup-catalog.js';
import type { StatusInput } from '../core/status.js';

export async function readStatusRecords(
  stateDir: string,
  backupFolder: string,
): Promise<{
  recorded: Pick<StatusInput, 'mode' | 'selectedEmergency' | 'newestBackup' | 'lastSync' | 'lock'>;
  damaged: string[];
  /** A live run holds the lock (a stale one does not count). */
  lockHeld: boolean;
}> {
  const [{ FileStateStore }, { readLockHolder }, { readCatalog }] = await Promise.all([
    import('../adapters/fs/state-file.js'),
    import('../adapters/fs/lock-stale.js'),
    import('../adapters/fs/backup-catalog.js'),
  ]);
  const [state, lock, catalog] = await Promise.all([
    new FileStateStore(stateDir).read(),
    readLockHolder(stateDir),
    readCatalog(backupFolder),
  ]);
  const newest = newestVerified(catalog.entries);
  const sync = state.lastSync;
  const recorded = {
    mode: state.mode,
    selectedEmergency: state.selectedEmergency,
    newestBackup: newest && {
      env: newest.source,
      id: newest.id,
      createdAt: newest.createdAt,
      size: newest.size,
      ageSeconds: backupAgeSeconds(newest, new Date()),
    },
    lastSync: sync && {
      at: sync.at,
      outcome: sync.outcome,
      backupId: sync.backupId ?? null,
      message: sync.message ?? null,
    },
    lock:
      lock && lock.pid !== null
        ? {
            pid: lock.pid,
            host: lock.host ?? '?',
            command: lock.command ?? '?',
            startedAt: lock.startedAt ?? lock.refreshedAt,
            phase: lock.phase ?? undefined,
          }
        : null,
  };
  return { recorded, damaged: catalog.damaged, lockHeld: lock !== null && !lock.stale };
}
