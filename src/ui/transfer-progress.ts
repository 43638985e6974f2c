/**
 * A progress bar for downloads, uploads and verification on a terminal: bytes, percentage, rate and ETA,
 * drawn by cli-progress on stderr (it redraws in place, throttles itself, and draws nothing on a stream
 * that is not a terminal — the scheduled task then prints its one summary line only).
 */
import cliProgress from 'cli-progress';
import type { TransferProgress } from '../core/ports.js';
import { formatBytes } from './backup-format.js';

export interface ProgressDisplay {
  update(progress: TransferProgress): void;
  /** Clears the bar (the summary line follows). */
  stop(): void;
}

export const silentProgress: ProgressDisplay = { update: () => undefined, stop: () => undefined };

const SIZED = '{label} [{bar}] {percentage}% {value} / {total} {rate} ETA {eta_formatted}';
const UNSIZED = '{label} {value} {rate}';

/** A bar labelled `label` on `stream`, or a silent display when `enabled` is false. */
export function createProgressDisplay(stream: NodeJS.WritableStream, label: string, enabled: boolean): ProgressDisplay {
  if (!enabled) return silentProgress;
  let bar: cliProgress.SingleBar | null = null;
  let started = 0;
  let firstBytes = 0;
  return {
    update({ bytes, total }) {
      if (!bar) {
        bar = new cliProgress.SingleBar({
          stream,
          format: total ? SIZED : UNSIZED,
          barsize: 24,
          barCompleteChar: '#',
          barIncompleteChar: '-',
          clearOnComplete: true,
          fps: 5,
          etaBuffer: 50,
          formatValue: (value, _options, type) =>
            type === 'value' || type === 'total' ? formatBytes(Number(value)) : String(value),
        });
        bar.start(total ?? 0, bytes, { label, rate: '' });
        started = Date.now();
        firstBytes = bytes;
      }
      const seconds = Math.max(0.001, (Date.now() - started) / 1000);
      bar.update(bytes, { rate: `${formatBytes((bytes - firstBytes) / seconds)}/s` });
    },
    stop() {
      bar?.stop();
      bar = null;
    },
  };
}
