import { lstat, mkdir, readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import YAML from 'yaml';
import { validateConfig, type ConfigProblem, type OrcaConfig } from '../../core/config-schema.js';
import { ConfigError, UsageError } from '../../core/errors.js';
import { ConfigParseFailure, loadJsonSafely } from '../../adapters/config/file-loaders.js';
import { errorCode } from '../../adapters/config/secret-files.js';
import type { ConfigTree } from '../../adapters/config/tree.js';
import type { CommandOutcome } from '../command.js';
import type { CommandContext } from '../context.js';
import { runConfigValidate } from '../config-validate.js';
import { createInquirerPrompter, type Prompter } from './prompter.js';
import { askQuestions, checkAnswers } from './wizard.js';

export const DEFAULT_CONFIG_FILE = 'orca-hybrid.yaml';

export interface InitOptions {
  force?: boolean;
  fromJson?: string;
  output?: string;
}

/**
 * `config init`: builds the configuration from the wizard (a person at a terminal) or from an answers
 * file (`--from-json`), checks it, writes YAML atomically with mode 0600 and validates the written file.
 * Refuses (usage error, exit 2) to overwrite an existing file without `--force`, and to prompt when
 * nobody can answer. `prompter` replaces the terminal prompts (tests).
 */
export async function runConfigInit(
  ctx: CommandContext,
  options: InitOptions,
  prompter?: Prompter,
): Promise<CommandOutcome> {
  const output = resolve(ctx.cwd, options.output ?? ctx.global.config ?? DEFAULT_CONFIG_FILE);
  await refuseOverwrite(output, options.force === true);

  let tree: ConfigTree;
  let problems: ConfigProblem[] = [];
  let source = output;
  if (options.fromJson !== undefined) {
    source = resolve(ctx.cwd, options.fromJson);
    ({ tree, problems } = checkAnswers(await readAnswersFile(source), dirname(source), ctx.t));
  } else if (!prompter && !ctx.interactive) {
    throw new UsageError({
      key: 'config.init.needsAnswers',
      hintKey: 'config.init.needsAnswers.hint',
      params: { flag: '--from-json <file>' },
    });
  } else {
    ctx.out.note(ctx.t('config.init.welcome', { file: output }));
    tree = await askQuestions(prompter ?? (await createInquirerPrompter()), { t: ctx.t, lang: ctx.lang, cwd: ctx.cwd });
  }

  const checked = validateConfig(tree);
  if (!checked.ok) {
    const answered = new Set(problems.map((p) => p.path));
    problems.push(...checked.problems.filter((p) => !answered.has(p.path)));
  }
  if (problems.length > 0 || !checked.ok) {
    throw new ConfigError({
      key: 'config.init.answersInvalid',
      params: { file: source, count: problems.length },
      details: problems.map((p) => `${p.path}: ${p.message}`),
      hintKey: 'config.init.answersInvalid.hint',
    });
  }

  await refuseOverwrite(output, options.force === true);
  await writeConfigFile(output, checked.config, ctx.t('config.init.header'));
  ctx.out.note(ctx.t('config.init.written', { file: output }));
  return runConfigValidate(ctx, { filepath: output });
}

async function refuseOverwrite(file: string, force: boolean): Promise<void> {
  if (force) return;
  const exists = await lstat(file).then(
    () => true,
    () => false,
  );
  if (exists) throw new UsageError({ key: 'config.init.exists', params: { file }, hintKey: 'config.init.exists.hint' });
}

async function readAnswersFile(file: string): Promise<unknown> {
  let content: string;
  try {
    content = await readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigError({
      key: 'config.unreadable',
      params: { file, reason: errorCode(error) },
      hintKey: 'config.unreadable.hint',
    });
  }
  try {
    return await loadJsonSafely(file, content);
  } catch (error) {
    if (!(error instanceof ConfigParseFailure)) throw error;
    throw new ConfigError({
      key: 'config.parseError',
      params: { file, position: error.position, reason: error.reason },
      hintKey: 'config.parseError.hint',
    });
  }
}

/** Writes the settings as commented YAML, atomically (temp file + rename), readable by the owner only. */
export async function writeConfigFile(file: string, config: OrcaConfig, header: string): Promise<void> {
  const doc = new YAML.Document(config);
  doc.commentBefore = header
    .split('\n')
    .map((line) => ` ${line}`)
    .join('\n');
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  await writeFileAtomic(file, doc.toString(), { mode: 0o600, fsync: true });
}
