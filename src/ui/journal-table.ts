import Table from 'cli-table3';
import type { JournalEntry } from '../core/journal.js';
import type { Translate } from './i18n.js';

/** The human rendering of `journal`: one row an entry, oldest first, changes as `path: before → after`. */
export function renderJournalTable(entries: readonly JournalEntry[], t: Translate): string {
  if (entries.length === 0) return t('journal.empty');
  const table = new Table({
    head: ['time', 'who', 'command', 'outcome', 'duration', 'changes'].map((c) => t(`journal.col.${c}`)),
    style: { head: [], border: [] },
  });
  for (const entry of entries) {
    table.push([
      formatLocalTime(new Date(entry.time)),
      `${entry.user}@${entry.host}`,
      entry.args.join(' ') || entry.command,
      entry.outcome === 'ok' ? t('journal.outcome.ok') : t('journal.outcome.failed', { code: entry.exitCode }),
      `${(entry.durationMs / 1000).toFixed(1)} s`,
      formatChanges(entry, t),
    ]);
  }
  return table.toString();
}

function formatChanges(entry: JournalEntry, t: Translate): string {
  const paths = Object.keys(entry.after);
  if (paths.length === 0) return entry.error ? truncate(entry.error.message, 70) : t('journal.noChange');
  return paths
    .map((path) => `${path}: ${formatValue(entry.before[path])} → ${formatValue(entry.after[path])}`)
    .join('\n');
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, max - 1) + '…';
}

function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '-';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** `2026-11-25 10:00:03` in local time. */
export function formatLocalTime(date: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())} ${p(date.getHours())}:${p(date.getMinutes())}:${p(date.getSeconds())}`;
}
