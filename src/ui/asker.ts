/**
 * Who answers a confirmation: `--yes`, a person at a terminal, or nobody (then the step names the flag to
 * pass). Commands make one from their context; the confirmations of `restore` and `bump-seq` take it.
 */
import type { Translate } from './i18n.js';
import type { Output } from './output.js';

export interface Asker {
  out: Output;
  t: Translate;
  /** `--yes` was given. */
  yes: boolean;
  /** A person can answer prompts (stdin and stdout are terminals). */
  interactive: boolean;
  /** Ctrl-C ends a prompt like any other step. */
  signal: AbortSignal;
}
