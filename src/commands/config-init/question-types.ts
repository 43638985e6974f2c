import type { Language } from '../../ui/i18n.js';

/**
 * The `config init` questions, declared once and used twice: the interactive wizard asks them in order,
 * and `--from-json` checks the answers file against the same rules. `id` is the dotted config path, or
 * `_name` for a wizard-only choice that only decides which questions follow.
 */
export type QuestionKind = 'text' | 'secret' | 'number' | 'choice' | 'confirm' | 'file' | 'folder' | 'url' | 'httpsUrl';

export interface Choice {
  value: string;
  /** Catalog key of the label; the value itself is shown when absent. */
  labelKey?: string;
}

export interface Question {
  id: string;
  kind: QuestionKind;
  /** Catalog key of the question text. */
  messageKey: string;
  /** Params whose value is a catalog key (the environment's name), translated when asked. */
  terms?: Record<string, string>;
  choices?: readonly Choice[];
  default?: string | number | boolean | ((lang: Language) => string);
  /** An empty answer leaves the setting out (secrets: given later through the environment). */
  optional?: boolean;
  min?: number;
  max?: number;
  /** Numbers may have a fraction (the status timeout); otherwise whole numbers only. */
  fraction?: boolean;
  /** Extra rule for text answers: returns the catalog key of the problem. */
  pattern?: { regex: RegExp; problemKey: string };
  when?: (get: (id: string) => unknown) => boolean;
}

/**
 * What a wizard-only question "answered" when checking an answers file, where nobody chose: every
 * condition on it holds, so each present setting is still checked.
 */
export const ANY_ANSWER = Symbol('any answer');

/** A condition: the answer to `id` is `value` (or any, when an answers file is checked). */
export const is = (id: string, value: unknown) => (get: (id: string) => unknown) => {
  const answer = get(id);
  return answer === ANY_ANSWER || answer === value;
};
/** Both conditions hold (an absent one holds). */
export const both = (a: Question['when'], b: Question['when']) => (get: (id: string) => unknown) =>
  (a ? a(get) : true) && (b ? b(get) : true);
