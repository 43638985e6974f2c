/**
 * The prompts of every command (STYLE.md §9), on stderr so stdout keeps the result. Leaving a prompt
 * (Ctrl-C, Esc) or Ctrl-C elsewhere in the run is a CancelledError (exit 130). Whether anybody can answer is
 * the caller's check (`ctx.interactive`): with nobody there, it names the flag to pass instead.
 */
import { CancelledError, UsageError } from '../core/errors.js';

/** The UsageError of a step that needs an answer where nobody can give one; `flag` is what to pass instead. */
export function promptNeedsTerminal(flag: string): UsageError {
  return new UsageError({ key: 'error.promptNeedsTty', hintKey: 'error.promptNeedsTty.hint', hintParams: { flag } });
}

export async function askYesNo(message: string, signal?: AbortSignal): Promise<boolean> {
  const { confirm } = await import('@inquirer/prompts');
  return cancellable(confirm({ message, default: false }, { output: process.stderr, signal }));
}

export async function askText(message: string, signal?: AbortSignal): Promise<string> {
  const { input } = await import('@inquirer/prompts');
  return cancellable(input({ message }, { output: process.stderr, signal }));
}

async function cancellable<T>(prompt: Promise<T>): Promise<T> {
  try {
    return await prompt;
  } catch (error) {
    if (error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError'))
      throw new CancelledError({ key: 'error.cancelled', cause: error });
    throw error;
  }
}
