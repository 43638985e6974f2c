import type { Command } from 'commander';
import { createContext, type CommandContext, type GlobalOptions } from './context.js';

/**
 * Wraps a command handler: builds the context from the merged global options so every handler gets
 * the same output, language and flags. Errors propagate to `main()`, which maps them to exit codes.
 */
export function action<O extends object>(
  handler: (ctx: CommandContext, options: O, args: string[]) => Promise<void>,
): (...raw: unknown[]) => Promise<void> {
  return async (...raw: unknown[]) => {
    const command = raw[raw.length - 1] as Command;
    const merged = command.optsWithGlobals() as GlobalOptions & O;
    // Boolean globals carry no default (so help shows none): absent means false.
    const global: GlobalOptions = {
      ...merged,
      json: merged.json === true,
      verbose: merged.verbose === true,
      yes: merged.yes === true,
      color: merged.color !== false,
    };
    const ctx = createContext(global, process.argv.slice(2));
    await handler(ctx, merged, command.args);
  };
}
