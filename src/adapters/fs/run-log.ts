/**
 * The run log in the state folder (`orca-hybrid.log`): one line per event of `sync`, `backup` and
 * `schedule` runs, in English, for support and for the unattended hourly task whose output nobody sees
 * (pgBackRest's "command begin / command end", RELIABILITY.md lesson 9). Arguments are redacted; messages
 * come from the catalog (never a secret). Rotated at 2 MiB to `orca-hybrid.log.1`. 0600 in a 0700 folder;
 * a link planted at its path is replaced, an existing log others could read made 0600.
 */
import { closeSync, fstatSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { redactArgs } from '../../core/config-redact.js';
import { terminalText } from '../../core/terminal-text.js';
import { openOwnFileForAppendSync } from './no-follow.js';
import { ensurePrivateDir } from './private-files.js';

export const RUN_LOG_NAME = 'orca-hybrid.log';
const ROTATE_AT_BYTES = 2 * 1024 * 1024;

export interface RunLog {
  readonly path: string;
  write(message: string): void;
}

/** Opens the log of `stateDir` and writes the `begin` line of `command`. Never throws on a write later. */
export async function openRunLog(stateDir: string, command: string, argv: string[]): Promise<RunLog> {
  await ensurePrivateDir(stateDir);
  const path = join(stateDir, RUN_LOG_NAME);
  rotateIfLarge(path);
  const write = (message: string): void => {
    // Read with `tail` on a terminal: no control from a server's text, one line per event.
    const line = `${new Date().toISOString()} [${process.pid}] ${command}: ${terminalText(message).replace(/\n/g, ' | ')}\n`;
    try {
      const fd = openOwnFileForAppendSync(path);
      try {
        writeSync(fd, line);
      } finally {
        closeSync(fd);
      }
    } catch {
      // A full disk must not turn a finished sync into a failure; stderr still has the story.
    }
  };
  write(`begin ${JSON.stringify(redactArgs(argv))}`);
  return { path, write };
}

/** The size is the opened log's own (a link there is replaced first); the rename moves names, not targets. */
function rotateIfLarge(path: string): void {
  try {
    const fd = openOwnFileForAppendSync(path);
    let size: number;
    try {
      size = fstatSync(fd).size;
    } finally {
      closeSync(fd);
    }
    if (size > ROTATE_AT_BYTES) renameSync(path, `${path}.1`);
  } catch {
    // A log that cannot be opened is reported by the first write (which says nothing: stderr has the story).
  }
}
