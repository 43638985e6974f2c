/**
 * The events of a `sync` or `backup` run on the screen and in its trail: transfer bars and notices on
 * stderr (bars only on a terminal), every event in the run log (English), phases in the lock.
 */
import type { Sequences } from '../core/domain.js';
import type { OrcaError } from '../core/errors.js';
import type { SyncEvents } from '../core/sync.js';
import type { TakeBackupEvents } from '../core/take-backup.js';
import { formatBytes } from './backup-format.js';
import { translator, type Translate } from './i18n.js';
import type { Output } from './output.js';
import { createProgressDisplay } from './transfer-progress.js';

/** Where a run leaves its trail: the run log and the lock's phase. */
export interface RunTrail {
  log(line: string): void;
  phase(phase: string): void;
}

export interface SyncProgress {
  events: SyncEvents;
  /** The operating environment's counters, when the run read them (recorded even when it fails later). */
  sequences(): { values: Sequences; at: Date } | null;
  /** Clears the bars (the summary or the error follows). */
  stop(): void;
}

const english = translator('en');

export function syncProgress(out: Output, t: Translate, trail: RunTrail): SyncProgress {
  const show = out.interactiveStderr;
  const bars = {
    download: createProgressDisplay(out.errorStream, t('sync.progress.download'), show),
    upload: createProgressDisplay(out.errorStream, t('sync.progress.upload'), show),
  };
  let sequences: { values: Sequences; at: Date } | null = null;
  const events: SyncEvents = {
    ...verificationEvents(out, t, trail),
    phase: (phase) => trail.phase(phase),
    chosen: (backup, age, cataloged) => {
      const known = cataloged ? ' already cataloged' : '';
      trail.log(
        `newest ${backup.id} created ${backup.createdAt} (${age} s ago) size ${backup.size} sha256 ${backup.sha256}${known}`,
      );
      if (!show) return;
      out.note(t('sync.chosen', { id: backup.id, createdAt: backup.createdAt, size: formatBytes(backup.size) }));
    },
    progress: (direction, progress) => bars[direction].update(progress),
    sequencesRead: (values, at) => {
      sequences = { values, at };
      trail.log(`operating counters ${JSON.stringify(values)}`);
    },
    warning: (key, params, cause) => warn(out, t, trail, key, params, cause),
  };
  return {
    events,
    sequences: () => sequences,
    stop: () => {
      bars.download.stop();
      bars.upload.stop();
    },
  };
}

/** `backup`'s events: the export's percentage on a terminal, the download bar, the same trail as sync. */
export function backupProgress(out: Output, t: Translate, trail: RunTrail): { events: TakeBackupEvents; stop(): void } {
  const bar = createProgressDisplay(out.errorStream, t('sync.progress.download'), out.interactiveStderr);
  const events: TakeBackupEvents = {
    ...verificationEvents(out, t, trail),
    phase: (phase) => trail.phase(phase),
    exportProgress: (fraction, phase) => {
      const percent = Math.round(fraction * 100);
      trail.log(`export ${percent} % ${phase ?? ''}`);
      if (out.interactiveStderr) out.errorStream.write(`\r\x1b[2K${t('backup.export.progress', { percent })}`);
    },
    progress: (p) => bar.update(p),
  };
  return { events, stop: () => bar.stop() };
}

function verificationEvents(out: Output, t: Translate, trail: RunTrail) {
  return {
    verifying: (step: string) => trail.phase(`verifying (${step})`),
    refetching: (reason: string) => {
      trail.log(`discarded a download that failed verification (${reason}); fetching it again`);
      out.note(t('sync.retryCorrupt'));
    },
  };
}

function warn(
  out: Output,
  t: Translate,
  trail: RunTrail,
  key: string,
  params: Record<string, string | number>,
  cause?: OrcaError,
): void {
  trail.log(`warning: ${english(key, { ...params, reason: cause ? english(cause.key, cause.params) : '' })}`);
  out.note(t(key, { ...params, reason: cause ? t(cause.key, cause.params) : '' }));
}
