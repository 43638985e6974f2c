/**
 * The one journaling function every command shares (RELIABILITY.md lesson 9). A command that changes
 * something opens its run's journal line (`open`) and says what changed (`changes`); `main()` writes the one
 * line when the command has ended, with its real outcome, exit code and wall time — so a sync that exits 4
 * is journaled `failed`/4 and `durationMs` covers the whole command, not only a state write.
 */
import { isOrcaError } from '../core/errors.js';
import type { JournalEntry } from '../core/journal.js';
import type { AuditJournal } from '../core/ports.js';
import { translator } from '../ui/i18n.js';

export class RunJournal {
  private target: { stateDir: string; command: string } | null = null;
  private before: unknown = {};
  private after: unknown = {};
  private readonly extras: Record<string, unknown> = {};
  private written = false;

  constructor(
    private readonly run: { argv: readonly string[]; env: NodeJS.ProcessEnv; startedAt: Date },
    private readonly journalOf?: (stateDir: string) => AuditJournal,
  ) {}

  /** From now on this run is journaled in `stateDir` as `command` (the first call decides; later ones keep it). */
  open(stateDir: string, command: string): void {
    this.target ??= { stateDir, command };
  }

  /** What the run changed: `before`/`after` are diffed like states (only changed leaves are kept). */
  changes(before: unknown, after: unknown): void {
    this.before = before;
    this.after = after;
  }

  /**
   * Records something the run did beside its own change (a pending mode push it delivered, an override's
   * reason) as a value of the line's `after` under `key`. Kept whatever `changes` is told later.
   */
  also(key: string, value: unknown): void {
    this.extras[key] = value;
  }

  /**
   * Appends the run's line (once; nothing when no command opened it) and flushes it to disk. `error` is
   * what ended the run, recorded by its stable code and English message (never a secret: see errors.ts).
   */
  async write(exitCode: number, error?: unknown): Promise<void> {
    if (this.target === null || this.written) return;
    this.written = true;
    // Loaded when a line is written: a run that journals nothing never pays for them.
    const [{ redactArgs }, { diffState }, { currentActor }, { FileJournal }] = await Promise.all([
      import('../core/config-redact.js'),
      import('../core/state-diff.js'),
      import('../adapters/fs/actor.js'),
      import('../adapters/fs/journal-file.js'),
    ]);
    const actor = currentActor(this.run.env);
    const entry: JournalEntry = {
      time: this.run.startedAt.toISOString(),
      user: actor.user,
      host: actor.host,
      pid: actor.pid,
      command: this.target.command,
      args: redactArgs([...this.run.argv]),
      ...diffState(this.before, withExtras(this.after, this.extras)),
      outcome: exitCode === 0 ? 'ok' : 'failed',
      exitCode,
      durationMs: Date.now() - this.run.startedAt.getTime(),
      ...(error === undefined ? {} : { error: describeError(error) }),
    };
    const journal = this.journalOf?.(this.target.stateDir) ?? new FileJournal(this.target.stateDir);
    await journal.append(entry);
  }
}

function withExtras(after: unknown, extras: Record<string, unknown>): unknown {
  if (Object.keys(extras).length === 0) return after;
  const base = after !== null && typeof after === 'object' && !Array.isArray(after) ? after : {};
  return { ...base, ...extras };
}

/** The error as the journal and the run log store it: stable code and English message. */
export function describeError(error: unknown): { code: string; message: string } {
  if (isOrcaError(error)) return { code: error.code, message: translator('en')(error.key, error.params) };
  return { code: 'UNEXPECTED', message: error instanceof Error ? error.message : String(error) };
}
