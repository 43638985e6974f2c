/**
 * A progress bar for downloads and uploads on a terminal (bytes, rate, ETA), redrawn at most every 200 ms
 * on stderr. Not on a terminal (the scheduled task) it draws nothing: the command prints one summary line.
 */
import type { TransferProgress } from '../core/ports.js';
import { formatBytes, formatClock } from './backup-format.js';

export interface ProgressDisplay {
  update(progress: TransferProgress): void;
  /** Clears the bar (the summary line follows). */
  stop(): void;
}

const WIDTH = 24;
const REDRAW_MS = 200;

export const silentProgress: ProgressDisplay = { update: () => undefined, stop: () => undefined };

/** A bar labelled `label` on `stream`, or a silent display when `enabled` is false. */
export function createProgressDisplay(stream: NodeJS.WritableStream, label: string, enabled: boolean): ProgressDisplay {
  if (!enabled) return silentProgress;
  const started = Date.now();
  let firstBytes: number | null = null;
  let lastDraw = 0;
  let drawn = false;
  return {
    update({ bytes, total }) {
      const now = Date.now();
      firstBytes ??= bytes;
      if (now - lastDraw < REDRAW_MS && bytes !== total) return;
      lastDraw = now;
      const seconds = Math.max(0.001, (now - started) / 1000);
      const rate = (bytes - firstBytes) / seconds;
      const fraction = total ? Math.min(1, bytes / total) : 0;
      const filled = Math.round(fraction * WIDTH);
      const bar = total
        ? `[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${String(Math.floor(fraction * 100)).padStart(3)}%`
        : '';
      const eta = total && rate > 0 ? ` ETA ${formatClock((total - bytes) / rate)}` : '';
      const size = total ? `${formatBytes(bytes)} / ${formatBytes(total)}` : formatBytes(bytes);
      stream.write(`\r\x1b[2K${label} ${bar} ${size} ${formatBytes(rate)}/s${eta}`);
      drawn = true;
    },
    stop() {
      if (drawn) stream.write('\r\x1b[2K');
      drawn = false;
    },
  };
}
