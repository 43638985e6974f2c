/**
 * THE state-folder helpers of the tests: a recorded state planted as a command would have written it, and the
 * state and journal read back.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JournalEntry } from '../../src/core/journal.js';

/** Writes `state.json` (schema 1, normal mode, the local emergency selected, plus `state`) into `stateDir`. */
export function writeState(stateDir: string, state: Record<string, unknown> = {}): void {
  mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  const full = { schemaVersion: 1, mode: 'normal', selectedEmergency: 'local', ...state };
  writeFileSync(join(stateDir, 'state.json'), JSON.stringify(full), { mode: 0o600 });
}

export function readState(stateDir: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(stateDir, 'state.json'), 'utf8')) as Record<string, unknown>;
}

/** Every journal line of `stateDir` (none when there is no journal yet). */
export function journalLines(stateDir: string): JournalEntry[] {
  const path = join(stateDir, 'journal.jsonl');
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as JournalEntry);
}
