import { z } from 'zod';
import { hasDurationUnit, parseDuration } from './duration.js';

/** The oldest `--since` age: a journal is kept for years. */
const MAX_AGE_MS = 100 * 365 * 86_400_000;

/**
 * The audit journal (RELIABILITY.md lesson 9): one JSON object a line, appended once per command that
 * changes (or tried to change) state. Arguments are stored with secrets already removed.
 */
export interface JournalEntry {
  /** When the command started (ISO 8601). */
  time: string;
  user: string;
  host: string;
  pid: number;
  /** The command words, e.g. `select`, `switch emergency`. */
  command: string;
  /** The command line after `orca-hybrid`, secrets replaced by `<redacted>`. */
  args: string[];
  /** Changed state leaves (dotted paths) before and after; empty objects when nothing changed. */
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  outcome: 'ok' | 'failed';
  exitCode: number;
  durationMs: number;
  /** For a failed command: its stable error code and English message. */
  error?: { code: string; message: string };
}

const entrySchema = z.looseObject({
  time: z.string().refine((v) => !Number.isNaN(Date.parse(v))),
  user: z.string(),
  host: z.string(),
  pid: z.number().int(),
  command: z.string(),
  args: z.array(z.string()),
  before: z.record(z.string(), z.unknown()),
  after: z.record(z.string(), z.unknown()),
  outcome: z.enum(['ok', 'failed']),
  exitCode: z.number().int(),
  durationMs: z.number().min(0),
  error: z.looseObject({ code: z.string(), message: z.string() }).optional(),
});

/** A line `readJournal` skipped: `torn` is a last line without its newline (a crash mid-append). */
export interface JournalProblem {
  line: number;
  kind: 'torn' | 'invalid';
}

export interface JournalReading {
  entries: JournalEntry[];
  problems: JournalProblem[];
}

/** One journal line: compact JSON (never contains a raw newline) plus `\n`. */
export function formatJournalLine(entry: JournalEntry): string {
  return JSON.stringify(entry) + '\n';
}

/**
 * Parses journal text. Never throws: a last line without a newline that does not parse is reported as
 * `torn`, any other unreadable line as `invalid`, and both are skipped. With `since`, only entries whose
 * time is at or after it are returned.
 */
export function parseJournalText(text: string, options: { since?: Date } = {}): JournalReading {
  const reading: JournalReading = { entries: [], problems: [] };
  const lines = text.split('\n');
  const endsWithNewline = text.endsWith('\n');
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const entry = parseLine(line);
    if (entry === null) {
      const isLast = index === lines.length - 1 && !endsWithNewline;
      reading.problems.push({ line: index + 1, kind: isLast ? 'torn' : 'invalid' });
      return;
    }
    if (options.since && Date.parse(entry.time) < options.since.getTime()) return;
    reading.entries.push(entry);
  });
  return reading;
}

function parseLine(line: string): JournalEntry | null {
  try {
    const parsed = entrySchema.safeParse(JSON.parse(line));
    return parsed.success ? (parsed.data as JournalEntry) : null;
  } catch {
    return null;
  }
}

/**
 * Reads a `--since` value: a date (`2026-11-25`, local midnight), a date and time (`2026-11-25T10:00`,
 * `2026-11-25 10:00`, with or without a zone), or an age before `now` in the duration syntax of every other
 * option (`30s`, `30m`, `24h`, `7d`, `1h30m`: `core/duration.ts`) — with its unit, since a bare `2026` reads
 * as a year more often than as seconds. Returns null when the text is none of these.
 */
export function parseSince(text: string, now: Date): Date | null {
  const value = text.trim();
  const age = hasDurationUnit(value) ? parseDuration(value, MAX_AGE_MS) : null;
  if (age !== null) return new Date(now.getTime() - age);
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (day) {
    const date = new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3]));
    return date.getMonth() === Number(day[2]) - 1 && date.getDate() === Number(day[3]) ? date : null;
  }
  if (!/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(value)) return null;
  const parsed = new Date(value.replace(' ', 'T'));
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}
