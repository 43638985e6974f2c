/**
 * Durations as people type them on the command line (`--wait 5m`, `--deadline 90s`): a whole number with
 * an optional unit — `ms`, `s` (default), `m`, `h` — or several parts (`1h30m`).
 */
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const MAX_MS = 7 * 24 * 3_600_000;

/** Milliseconds of `text`, or null when it is not a duration of at most a week. */
export function parseDuration(text: string): number | null {
  const trimmed = text.trim().toLowerCase();
  if (/^\d{1,9}$/.test(trimmed)) return checked(Number(trimmed) * 1000);
  if (!/^(\d{1,9}(ms|s|m|h))+$/.test(trimmed)) return null;
  let total = 0;
  for (const match of trimmed.matchAll(/(\d{1,9})(ms|s|m|h)/g)) total += Number(match[1]) * UNIT_MS[match[2]!]!;
  return checked(total);
}

function checked(ms: number): number | null {
  return Number.isSafeInteger(ms) && ms <= MAX_MS ? ms : null;
}
