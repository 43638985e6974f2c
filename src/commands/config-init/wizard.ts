import type { ConfigProblem } from '../../core/config-schema.js';
import { UnexpectedError } from '../../core/errors.js';
import { cloneTree, getPath, isPlainObject, setPath, type ConfigTree } from '../../adapters/config/tree.js';
import type { Language, Translate } from '../../ui/i18n.js';
import { checkAnswer } from './check-answer.js';
import type { Prompter, PromptValidator } from './prompter.js';
import { ANY_ANSWER, FIXED_SETTINGS, QUESTIONS, type Question } from './questions.js';

export interface WizardOptions {
  t: Translate;
  lang: Language;
  /** Folder relative file answers are resolved against (the working folder). */
  cwd: string;
}

/**
 * Asks every applicable question in order and returns the answers as a config tree (paths absolute,
 * empty optional answers left out). Each prompt refuses an invalid answer with the reason, so the tree
 * passes the same checks as an answers file.
 */
export async function askQuestions(prompter: Prompter, options: WizardOptions): Promise<ConfigTree> {
  const { cwd } = options;
  const tree: ConfigTree = {};
  for (const [id, value] of FIXED_SETTINGS) setPath(tree, id.split('.'), value);
  const extras: Record<string, unknown> = {};
  const get = (id: string): unknown => (id.startsWith('_') ? extras[id] : getPath(tree, id.split('.')));
  for (const question of QUESTIONS) {
    if (question.when && !question.when(get)) continue;
    const answer = await ask(prompter, question, options);
    const checked = checkAnswer(question, answer, cwd);
    if (!checked.ok)
      throw new UnexpectedError({ key: 'config.init.promptUnchecked', params: { question: question.id } });
    if (question.id.startsWith('_')) extras[question.id] = checked.value;
    else if (checked.value !== undefined) setPath(tree, question.id.split('.'), checked.value);
  }
  return tree;
}

async function ask(prompter: Prompter, question: Question, { t, lang, cwd }: WizardOptions): Promise<unknown> {
  const params: Record<string, string> = {};
  for (const [name, key] of Object.entries(question.terms ?? {})) params[name] = t(key);
  let message = t(question.messageKey, params);
  if (question.kind === 'secret') message += t('config.q.secretSuffix');
  else if (question.optional && question.kind !== 'folder') message += t('config.q.optionalSuffix');
  const validate: PromptValidator = (value) => {
    const checked = checkAnswer(question, value, cwd);
    return checked.ok ? true : t(checked.key, checked.params);
  };
  const fallback = typeof question.default === 'function' ? question.default(lang) : question.default;
  switch (question.kind) {
    case 'confirm':
      return prompter.confirm({
        name: question.id,
        message,
        default: typeof fallback === 'boolean' ? fallback : undefined,
      });
    case 'choice':
      return prompter.select({
        name: question.id,
        message,
        choices: (question.choices ?? []).map((c) => ({ value: c.value, label: c.labelKey ? t(c.labelKey) : c.value })),
        default: fallback === undefined ? undefined : String(fallback),
      });
    case 'secret':
      return prompter.password({ name: question.id, message, validate });
    default:
      return prompter.input({
        name: question.id,
        message,
        default: fallback === undefined ? undefined : String(fallback),
        validate,
      });
  }
}

/**
 * Checks an answers file (`config init --from-json`): a JSON object shaped like the YAML configuration.
 * Every present answer is checked by its question's rule (files exist, https URLs, 10-digit clinic code)
 * and normalised (paths made absolute against `baseDir`); missing settings are left for schema validation.
 */
export function checkAnswers(
  answers: unknown,
  baseDir: string,
  t: Translate,
): { tree: ConfigTree; problems: ConfigProblem[] } {
  if (!isPlainObject(answers))
    return { tree: {}, problems: [{ path: '(root)', message: t('config.check.answersObject') }] };
  const tree = cloneTree(answers);
  for (const [id, value] of FIXED_SETTINGS) {
    if (getPath(tree, id.split('.')) === undefined) setPath(tree, id.split('.'), value);
  }
  const problems: ConfigProblem[] = [];
  const get = (id: string): unknown => (id.startsWith('_') ? ANY_ANSWER : getPath(tree, id.split('.')));
  const checkedIds = new Set<string>();
  for (const question of QUESTIONS) {
    if (question.id.startsWith('_') || checkedIds.has(question.id)) continue;
    if (question.when && !question.when(get)) continue;
    const path = question.id.split('.');
    const value = getPath(tree, path);
    if (value === undefined) continue;
    checkedIds.add(question.id);
    const checked = checkAnswer(question, value, baseDir);
    if (!checked.ok) problems.push({ path: question.id, message: t(checked.key, checked.params) });
    else setPath(tree, path, checked.value);
  }
  return { tree, problems };
}
