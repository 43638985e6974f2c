/** Formatting of sizes, rates, durations and ages for backup output (human lines, never JSON). */
import type { Translate } from './i18n.js';

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/** `1.5 GiB`, `812 KiB`, `0 B`. */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(value >= 100 ? 0 : 1)} ${UNITS[unit]}`;
}

/** `m:ss` or `h:mm:ss`. */
export function formatClock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** "5 minutes ago" style, through the catalog. */
export function formatAge(seconds: number, t: Translate): string {
  if (seconds < 120) return t('backup.age.seconds', { n: seconds });
  if (seconds < 7200) return t('backup.age.minutes', { n: Math.floor(seconds / 60) });
  if (seconds < 2 * 86400) return t('backup.age.hours', { n: Math.floor(seconds / 3600) });
  return t('backup.age.days', { n: Math.floor(seconds / 86400) });
}

/** Local time `2026-09-06 01:10` of an ISO timestamp. */
export function formatLocalMinute(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/**
 * The one format for a time shown to people: local time and how long ago, `2026-09-06 01:10 (5 min ago)`.
 * ISO-8601 UTC appears only in `--json`.
 */
export function formatWhen(iso: string, now: Date, t: Translate): string {
  const seconds = Math.max(0, Math.floor((now.getTime() - Date.parse(iso)) / 1000));
  return `${formatLocalMinute(iso)} (${formatAge(seconds, t)})`;
}
