import type { StateStore } from '../core/ports.js';
import type { OrcaState } from '../core/state.js';
import { FileStateStore, lockStateFile } from '../adapters/fs/state-file.js';
import type { CommandContext } from './context.js';

export interface StateChangeOptions {
  stateDir: string;
  /** The command words as the journal shows them: `select`, `switch emergency`. */
  command: string;
}

export interface StateChangeTools {
  /** Writes an intermediate state now (RELIABILITY.md lesson 7): a later failure keeps it and journals it. */
  checkpoint(state: OrcaState): Promise<void>;
}

export interface StateChange<R> {
  state: OrcaState;
  result: R;
}

/**
 * Runs one change of `state.json`: takes the short state-file lock, reads the state, runs `change`, writes the
 * new state atomically (only when it differs) and gives the run's journal line the difference — also when
 * anything fails (the difference then covers the checkpoints that were written). `main()` writes that line
 * with the run's outcome before the result is printed. Keep `change` short: other state changes wait.
 */
export async function runStateChange<R>(
  ctx: CommandContext,
  options: StateChangeOptions,
  change: (state: OrcaState, tools: StateChangeTools) => Promise<StateChange<R>> | StateChange<R>,
  store: StateStore = new FileStateStore(options.stateDir),
): Promise<R> {
  ctx.journal.open(options.stateDir, options.command);
  let before: OrcaState | undefined;
  let written: OrcaState | undefined;
  const releaseStateLock = await lockStateFile(options.stateDir);
  try {
    before = await store.read();
    const tools: StateChangeTools = {
      checkpoint: async (state) => {
        await store.write(state);
        written = state;
      },
    };
    const outcome = await change(before, tools);
    if (outcome.state !== (written ?? before)) {
      await store.write(outcome.state);
      written = outcome.state;
    }
    return outcome.result;
  } finally {
    ctx.journal.changes(before ?? {}, written ?? before ?? {});
    await releaseStateLock().catch(() => undefined);
  }
}
