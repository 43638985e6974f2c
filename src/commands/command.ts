/**
 * The shape every command has (docs/architecture.md): a builder declares its options and hands one handler
 * to `kit.action`; the handler parses, builds adapters through the factory, calls one core use case and
 * returns the `CommandOutcome` a renderer in `src/ui` made of its result. `main()` does the rest.
 */
import type { Command } from 'commander';
import type { Translate } from '../ui/i18n.js';
import type { CommandOutcome } from '../ui/outcome.js';
import type { CommandContext } from './context.js';

export type { CommandOutcome };

export type CommandHandler<O> = (ctx: CommandContext, options: O, args: string[]) => Promise<CommandOutcome>;

/** What `main()` gives every command builder: the help language, and the wrapper that runs a handler. */
export interface CommandKit {
  t: Translate;
  action<O extends object>(handler: CommandHandler<O>): (...raw: unknown[]) => Promise<void>;
}

export type CommandBuilder = (kit: CommandKit) => Command;
