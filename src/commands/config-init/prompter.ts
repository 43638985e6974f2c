import { CancelledError } from '../../core/errors.js';

/** `true` when acceptable, else the (already translated) reason shown under the prompt. */
export type PromptValidator = (value: string) => true | string;

/**
 * The four prompts the wizard needs. `name` is the question's id (the dotted config path), so a test
 * can answer by name instead of by screen text. The real one wraps @inquirer/prompts.
 */
export interface Prompter {
  input(q: { name: string; message: string; default?: string; validate: PromptValidator }): Promise<string>;
  password(q: { name: string; message: string; validate: PromptValidator }): Promise<string>;
  select(q: {
    name: string;
    message: string;
    choices: Array<{ value: string; label: string }>;
    default?: string;
  }): Promise<string>;
  confirm(q: { name: string; message: string; default?: boolean }): Promise<boolean>;
}

/** Where prompts read and draw; tests pass @inquirer/testing's streams. */
export interface PromptStreams {
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
}

/** Prompts on the terminal; drawn on stderr so stdout stays for results. Ctrl-C becomes exit 130. */
export async function createInquirerPrompter(context: PromptStreams = { output: process.stderr }): Promise<Prompter> {
  const prompts = await import('@inquirer/prompts');
  return {
    input: (q) => cancellable(prompts.input({ message: q.message, default: q.default, validate: q.validate }, context)),
    password: (q) => cancellable(prompts.password({ message: q.message, mask: '*', validate: q.validate }, context)),
    select: (q) =>
      cancellable(
        prompts.select(
          {
            message: q.message,
            choices: q.choices.map((c) => ({ value: c.value, name: c.label })),
            default: q.default,
          },
          context,
        ),
      ),
    confirm: (q) => cancellable(prompts.confirm({ message: q.message, default: q.default }, context)),
  };
}

async function cancellable<T>(prompt: Promise<T>): Promise<T> {
  try {
    return await prompt;
  } catch (error) {
    if (error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError')) {
      throw new CancelledError({ key: 'error.cancelled', cause: error });
    }
    throw error;
  }
}
