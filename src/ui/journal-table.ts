/**
 * The human rendering of `journal`, oldest first, readable at 80–100 columns: each entry as a heading line
 * (time, command, outcome, duration, who) and its changes as `path: before → after` below it, cut to the
 * width; `--wide` gives the full table (the whole command line, every change uncut).
 */
import Table from 'cli-table3';
import type { JournalEntry } from '../core/journal.js';
import type { Translate } from './i18n.js';
import { truncateTo } from './text-width.js';
import { formatDuration, formatWhen, isIsoInstant } from './time-format.js';

export interface JournalLayout {
  width: number;
  wide: boolean;
  now?: Date;
}

export function renderJournalTable(entries: readonly JournalEntry[], t: Translate, layout: JournalLayout): string {
  if (entries.length === 0) return t('journal.empty');
  const now = layout.now ?? new Date();
  return layout.wide ? wideTable(entries, t, now) : entryBlocks(entries, t, now, layout.width);
}

function outcomeText(entry: JournalEntry, t: Translate): string {
  return entry.outcome === 'ok' ? t('journal.outcome.ok') : t('journal.outcome.failed', { code: entry.exitCode });
}

function entryBlocks(entries: readonly JournalEntry[], t: Translate, now: Date, width: number): string {
  const lines: string[] = [];
  for (const entry of entries) {
    const heading = [
      formatWhen(entry.time, now, t),
      entry.command,
      outcomeText(entry, t),
      formatDuration(entry.durationMs),
      `${entry.user}@${entry.host}`,
    ].join('  ');
    lines.push(truncateTo(heading, width));
    for (const change of changeLines(entry, t)) lines.push(truncateTo(`    ${change}`, width));
  }
  return lines.join('\n');
}

function wideTable(entries: readonly JournalEntry[], t: Translate, now: Date): string {
  const table = new Table({
    head: ['time', 'who', 'command', 'outcome', 'duration', 'changes'].map((c) => t(`journal.col.${c}`)),
    style: { head: [], border: [] },
  });
  for (const entry of entries) {
    table.push([
      formatWhen(entry.time, now, t),
      `${entry.user}@${entry.host}`,
      entry.args.join(' ') || entry.command,
      outcomeText(entry, t),
      formatDuration(entry.durationMs),
      changeLines(entry, t).join('\n'),
    ]);
  }
  return table.toString();
}

function changeLines(entry: JournalEntry, t: Translate): string[] {
  const paths = Object.keys(entry.after);
  if (paths.length === 0) return [entry.error ? entry.error.message : t('journal.noChange')];
  return paths.map(
    (path) => `${path}: ${formatValue(path, entry.before[path], t)} → ${formatValue(path, entry.after[path], t)}`,
  );
}

/** A changed value in words where the tool has words for it (modes, the selection, sync outcomes). */
function formatValue(path: string, value: unknown, t: Translate): string {
  if (value === null || value === undefined) return '-';
  if (typeof value !== 'string') return JSON.stringify(value);
  if (path === 'mode') return t(`mode.${value}`);
  if (path === 'selectedEmergency') return t(`env.${value === 'cloud' ? 'cloudEmergency' : 'localEmergency'}`);
  if (path === 'lastSync.outcome') return t(`sync.outcome.${value}`);
  return isIsoInstant(value) ? formatWhen(value, new Date(), t) : value;
}
