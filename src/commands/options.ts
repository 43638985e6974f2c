/**
 * Option values every command reads the same way: durations in the one syntax of `core/duration.ts`, and
 * `--since`. A bad value is a UsageError (exit 2) naming the option, the value and the accepted forms.
 */
import { DEFAULT_MAX_DURATION_MS, parseDuration } from '../core/duration.js';
import { UsageError } from '../core/errors.js';
import { parseSince } from '../core/journal.js';

/** Milliseconds of a duration option (null when not given), within `minMs`–`maxMs` (default up to a week). */
export function durationOption(
  value: string | undefined,
  option: string,
  range: { minMs?: number; maxMs?: number } = {},
): number | null {
  if (value === undefined) return null;
  const maxMs = range.maxMs ?? DEFAULT_MAX_DURATION_MS;
  const ms = parseDuration(value, Number.MAX_SAFE_INTEGER);
  const shown = value.slice(0, 40);
  if (ms === null)
    throw new UsageError({
      key: 'error.badDuration',
      params: { option, value: shown },
      hintKey: 'error.badDuration.hint',
    });
  if (ms > maxMs || ms < (range.minMs ?? 0))
    throw new UsageError({
      key: 'error.durationRange',
      params: { option, value: shown, min: seconds(range.minMs ?? 0), max: seconds(maxMs) },
      hintKey: 'error.badDuration.hint',
    });
  return ms;
}

/** The time a `--since` value names (a date, a date and time, or an age such as `30s` or `7d`). */
export function sinceOption(value: string | undefined, now: Date): Date | undefined {
  if (value === undefined) return undefined;
  const since = parseSince(value, now);
  if (since === null) throw new UsageError({ key: 'journal.badSince', params: { value: value.slice(0, 40) } });
  return since;
}

/** `--jobs`: pg_restore's parallel jobs, 1 to 64. */
export function jobsOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const jobs = Number(value);
  if (Number.isInteger(jobs) && jobs >= 1 && jobs <= 64) return jobs;
  throw new UsageError({ key: 'restore.invalidJobs', params: { value: value.slice(0, 20) } });
}

/** `90 s`, `2 h`: a limit as people read it (whole units). */
function seconds(ms: number): string {
  if (ms % 86_400_000 === 0 && ms > 0) return `${ms / 86_400_000} d`;
  if (ms % 3_600_000 === 0 && ms > 0) return `${ms / 3_600_000} h`;
  return `${ms / 1000} s`;
}
