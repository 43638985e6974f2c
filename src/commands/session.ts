/**
 * One command run as `main()` drives it: when it started, its Ctrl-C signal, the context its handler got
 * and what the handler returned. `end` writes the run's journal line and releases what it held.
 */
import type { Command } from 'commander';
import { ExitCode } from '../core/errors.js';
import { chooseLanguage, translator, type Translate } from '../ui/i18n.js';
import type { CommandKit, CommandOutcome } from './command.js';
import type { CommandContext, GlobalOptions } from './context.js';
import { watchInterrupts, type InterruptWatch } from './interrupt.js';

export class CommandSession {
  readonly startedAt = new Date();
  ctx: CommandContext | undefined;
  outcome: CommandOutcome | undefined;
  private readonly interrupts: InterruptWatch;

  constructor(
    readonly argv: readonly string[],
    readonly env: NodeJS.ProcessEnv,
    private readonly fallbackLanguage: string | undefined,
    quitNow: () => void,
  ) {
    this.interrupts = watchInterrupts({
      onFirst: () => process.stderr.write(`${this.t('error.stopping')}\n`),
      onSecond: quitNow,
    });
  }

  /** The run's language: the context's once a command runs (it may follow the config), else the flag's. */
  readonly t: Translate = (key, params) =>
    (this.ctx?.t ?? translator(chooseLanguage(this.fallbackLanguage, undefined, this.env)))(key, params);

  /** The kit command builders get: `action` builds the context from the parsed global options. */
  kit(t: Translate): CommandKit {
    return {
      t,
      action:
        (handler) =>
        async (...raw: unknown[]) => {
          const command = raw[raw.length - 1] as Command;
          const merged = command.optsWithGlobals() as GlobalOptions & Parameters<typeof handler>[1];
          // Boolean globals carry no default (so help shows none): absent means false.
          const global: GlobalOptions = {
            ...merged,
            json: merged.json === true,
            verbose: merged.verbose === true,
            yes: merged.yes === true,
            color: merged.color !== false,
          };
          // The context (and what it loads) only once a command runs: `--help` stays fast.
          const { createContext } = await import('./context.js');
          this.ctx = createContext(global, {
            argv: this.argv,
            env: this.env,
            startedAt: this.startedAt,
            signal: this.interrupts.signal,
          });
          this.outcome = await handler(this.ctx, merged, command.args);
        },
    };
  }

  /**
   * Writes the journal line (when the command opened one) with the exit code and the error that ended the
   * run, then releases what the command held. A journal that cannot be written fails a run that succeeded
   * (exit 1): a command reports success only once it is recorded.
   */
  async end(exitCode: number, error: unknown): Promise<unknown> {
    let failure: unknown = undefined;
    try {
      await this.ctx?.journal.write(exitCode, error);
    } catch (journalError) {
      if (exitCode === ExitCode.ok) failure = journalError;
      else this.ctx?.out.debug(`journal: ${String(journalError)}`);
    }
    await this.ctx?.releaseAll();
    this.interrupts.stop();
    return failure;
  }
}
