import { join } from 'node:path';
import { GuardError, LockedError, UnexpectedError } from '../../core/errors.js';
import type { StateStore } from '../../core/ports.js';
import { defaultState, parseState, serializeState, validateState, type OrcaState } from '../../core/state.js';
import { replaceFileAtomically } from './atomic-write.js';
import { isLinkRefusal, linkedFile, readTextNoFollow } from './no-follow.js';
import { privateLockFs } from './lock-fs.js';
import { checkPrivateDir, ensurePrivateDir } from './private-files.js';

export const STATE_FILE_NAME = 'state.json';

/**
 * `state.json` in the state folder. Reading never writes: a damaged or newer file stays byte-for-byte as
 * it was (GuardError, exit 5), and so is a link planted at its path (never followed). Writing is atomic
 * (replacing a link rather than writing through it), 0600 in a 0700 folder.
 */
export class FileStateStore implements StateStore {
  readonly path: string;

  constructor(readonly stateDir: string) {
    this.path = join(stateDir, STATE_FILE_NAME);
  }

  async read(): Promise<OrcaState> {
    await checkPrivateDir(this.stateDir);
    let text: string;
    try {
      text = await readTextNoFollow(this.path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return defaultState();
      if (isLinkRefusal(error)) throw linkedFile(this.path);
      throw new UnexpectedError({
        key: 'state.unreadable',
        params: { path: this.path, reason: code ?? String(error) },
        cause: error,
      });
    }
    // Notepad on Windows may add a byte-order mark; it is not damage.
    return parseState(text.replace(/^\uFEFF/, ''), this.path);
  }

  async write(state: OrcaState): Promise<void> {
    let checked: OrcaState;
    try {
      checked = validateState(state, this.path);
    } catch (error) {
      // A command built an invalid state: a bug, and the file on disk stays as it was.
      const details = error instanceof GuardError ? error.details : [];
      throw new UnexpectedError({ key: 'state.invalidWrite', params: { path: this.path }, details, cause: error });
    }
    await ensurePrivateDir(this.stateDir);
    await replaceFileAtomically(this.path, serializeState(checked));
  }
}

/**
 * Serialises read-change-write cycles on `state.json` between processes (a short mkdir lock,
 * `state.json.lock`, separate from the long-running operation lock). Waits up to about a minute, then
 * throws LockedError `state.busy`. Resolves to the release function.
 */
export async function lockStateFile(stateDir: string): Promise<() => Promise<void>> {
  await ensurePrivateDir(stateDir);
  try {
    return await (
      await import('proper-lockfile')
    ).default.lock(join(stateDir, STATE_FILE_NAME), {
      realpath: false,
      fs: privateLockFs(),
      // Held for a moment: a holder that stopped refreshing for 10 s is gone (proper-lockfile's mtime rule).
      stale: 10_000,
      retries: { retries: 70, factor: 1.2, minTimeout: 50, maxTimeout: 1000 },
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
    throw new LockedError({ key: 'state.busy', params: { dir: stateDir }, hintKey: 'state.busy.hint' });
  }
}
