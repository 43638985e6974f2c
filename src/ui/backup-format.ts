/** Formatting of sizes, rates, durations and ages for backup output (human lines, never JSON). */
import prettyBytes from 'pretty-bytes';

/** `1.5 GiB`, `812 KiB`, `0 B` (binary units, three significant digits). */
export function formatBytes(bytes: number): string {
  return prettyBytes(Math.max(0, Math.round(bytes)), { binary: true });
}

export { formatAge, formatLocalMinute, formatWhen } from './time-format.js';
