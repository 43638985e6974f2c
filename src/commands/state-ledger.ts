/**
 * The StateLedger port over `state.json`: every update is one read-change-write under the state file's short
 * lock, written atomically. A run that writes its state in steps (`switch`, `select`, the delivery of pending
 * mode pushes) uses it instead of `runStateChange`, which writes once.
 */
import type { StateLedger } from '../core/ports.js';
import type { OrcaState } from '../core/state.js';
import { FileStateStore, lockStateFile } from '../adapters/fs/state-file.js';

export interface FileStateLedgerOptions {
  /** After every write: the state before the first step and the one just written (for the run's journal line). */
  onWrite?(first: OrcaState, last: OrcaState): void;
}

export class FileStateLedger implements StateLedger {
  private readonly store: FileStateStore;
  private first: OrcaState | undefined;

  constructor(
    readonly stateDir: string,
    private readonly options: FileStateLedgerOptions = {},
  ) {
    this.store = new FileStateStore(stateDir);
  }

  async read(): Promise<OrcaState> {
    const state = await this.store.read();
    this.first ??= state;
    return state;
  }

  async update(change: (state: OrcaState) => OrcaState): Promise<OrcaState> {
    const release = await lockStateFile(this.stateDir);
    try {
      const current = await this.store.read();
      this.first ??= current;
      const next = change(current);
      if (next === current) return current;
      await this.store.write(next);
      this.options.onWrite?.(this.first, next);
      return next;
    } finally {
      await release().catch(() => undefined);
    }
  }
}
