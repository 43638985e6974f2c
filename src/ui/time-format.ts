/**
 * The one way a time is shown to people: local time and how long ago, `2026-09-06 01:10 (5 min ago)` /
 * `2026-09-06 01:10 (5分前)`. Messages get it without asking: every `{…At}` placeholder given an ISO-8601
 * timestamp is rendered so (i18n.ts). ISO-8601 UTC appears only in `--json`.
 */
import ms from 'ms';
import type { Translate } from './i18n.js';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

export function isIsoInstant(value: unknown): value is string {
  return typeof value === 'string' && ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value));
}

/** "5 min ago" style, through the catalog (seconds below 2 min, minutes below 2 h, hours below 2 days). */
export function formatAge(seconds: number, t: Translate): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 120) return t('time.ago.seconds', { n: s });
  if (s < 7200) return t('time.ago.minutes', { n: Math.floor(s / 60) });
  if (s < 2 * 86400) return t('time.ago.hours', { n: Math.floor(s / 3600) });
  return t('time.ago.days', { n: Math.floor(s / 86400) });
}

/** Local time `2026-09-06 01:10` of an ISO timestamp. */
export function formatLocalMinute(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** `2026-09-06 01:10 (5 min ago)`; a time in the future shows `(0 s ago)` rather than a negative age. */
export function formatWhen(iso: string, now: Date, t: Translate): string {
  return `${formatLocalMinute(iso)} (${formatAge((now.getTime() - Date.parse(iso)) / 1000, t)})`;
}

/**
 * A duration for people: `0.8 s` and `12.3 s` below a minute (the precision a transfer's time deserves),
 * else whole units through `ms` (`1m 15s`, `2h 5m`).
 */
export function formatDuration(milliseconds: number): string {
  const total = Math.max(0, milliseconds);
  if (total < 60_000) return `${(total / 1000).toFixed(1)} s`;
  const hours = Math.floor(total / 3_600_000);
  const minutes = Math.floor((total % 3_600_000) / 60_000);
  const seconds = Math.round((total % 60_000) / 1000);
  const parts = hours > 0 ? [hours * 3_600_000, minutes * 60_000] : [minutes * 60_000, seconds * 1000];
  return parts
    .filter((part, i) => i === 0 || part > 0)
    .map((part) => ms(part))
    .join(' ');
}
