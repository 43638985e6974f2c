import { join } from 'node:path';
import { formatJournalLine, parseJournalText, type JournalEntry, type JournalReading } from '../../core/journal.js';
import type { AuditJournal } from '../../core/ports.js';
import { isLinkRefusal, linkedFile, openOwnFileForAppend, readTextNoFollow } from './no-follow.js';
import { checkPrivateDir, ensurePrivateDir } from './private-files.js';

export const JOURNAL_FILE_NAME = 'journal.jsonl';

/**
 * `journal.jsonl` in the state folder: opened in append mode for every entry, flushed (fsync) before
 * `append` resolves, 0600 in a 0700 folder. Existing lines are never rewritten. A link planted at its
 * path is replaced by a new journal, never written through; reading refuses it.
 */
export class FileJournal implements AuditJournal {
  readonly path: string;

  constructor(readonly stateDir: string) {
    this.path = join(stateDir, JOURNAL_FILE_NAME);
  }

  async append(entry: JournalEntry): Promise<void> {
    await ensurePrivateDir(this.stateDir);
    const handle = await openOwnFileForAppend(this.path);
    try {
      let line = formatJournalLine(entry);
      // After a crash mid-append the file may end inside a line: start on a fresh line so this entry
      // stays readable (the torn one is skipped by readers).
      const { size } = await handle.stat();
      if (size > 0) {
        const last = Buffer.alloc(1);
        await handle.read(last, 0, 1, size - 1);
        if (last[0] !== 0x0a) line = '\n' + line;
      }
      await handle.appendFile(line, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  async read(options: { since?: Date } = {}): Promise<JournalReading> {
    await checkPrivateDir(this.stateDir);
    let text: string;
    try {
      text = await readTextNoFollow(this.path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], problems: [] };
      if (isLinkRefusal(error)) throw linkedFile(this.path);
      throw error;
    }
    return parseJournalText(text, options);
  }
}

/** Reads the journal of `stateDir` (missing file → no entries). */
export function readJournal(stateDir: string, options: { since?: Date } = {}): Promise<JournalReading> {
  return new FileJournal(stateDir).read(options);
}
