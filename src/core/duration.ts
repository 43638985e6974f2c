/**
 * The one duration syntax of the command line (`--wait 5m`, `--deadline 90s`, `--timeout 1.5`,
 * `journal --since 7d`): a number with an optional unit — `ms`, `s` (the default), `m`, `h`, `d` — or several
 * parts (`1h30m`). Numbers may carry up to three decimals (`1.5h`, `0.5`).
 */
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const PART = /(\d{1,9}(?:\.\d{1,3})?)(ms|s|m|h|d)/g;

/** A week: the longest wait or deadline a command accepts unless it says otherwise. */
export const DEFAULT_MAX_DURATION_MS = 7 * 86_400_000;

/** Milliseconds of `text` (rounded to whole ms), or null when it is not a duration of at most `maxMs`. */
export function parseDuration(text: string, maxMs = DEFAULT_MAX_DURATION_MS): number | null {
  const trimmed = text.trim().toLowerCase();
  if (/^\d{1,9}(\.\d{1,3})?$/.test(trimmed)) return checked(Number(trimmed) * 1000, maxMs);
  if (!/^(\d{1,9}(\.\d{1,3})?(ms|s|m|h|d))+$/.test(trimmed)) return null;
  let total = 0;
  for (const match of trimmed.matchAll(PART)) total += Number(match[1]) * UNIT_MS[match[2]!]!;
  return checked(total, maxMs);
}

/** True when `text` names its unit (`30s`, not `30`): where a bare number could be read as something else. */
export function hasDurationUnit(text: string): boolean {
  return /[a-z]$/i.test(text.trim());
}

function checked(ms: number, maxMs: number): number | null {
  const rounded = Math.round(ms);
  return Number.isSafeInteger(rounded) && rounded <= maxMs ? rounded : null;
}
