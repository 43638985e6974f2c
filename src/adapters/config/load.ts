import { dirname } from 'node:path';
import { ENVIRONMENT_NAMES, validateConfig, type ConfigProblem, type OrcaConfig } from '../../core/config-schema.js';
import { ConfigError } from '../../core/errors.js';
import type { CommandContext } from '../../commands/context.js';
import { defaultStateDir } from '../fs/paths.js';
import { CONFIG_FILE_VAR, readEnvOverrides } from './env-overrides.js';
import { findConfigFile } from './find-file.js';
import { checkConfigFileMode, readSecretFiles, resolveConfigPaths, type ConfigNotice } from './secret-files.js';
import {
  cloneTree,
  findSecretConflicts,
  hasInlineSecret,
  isPlainObject,
  mergeLayers,
  type ConfigTree,
} from './tree.js';

export type { ConfigNotice } from './secret-files.js';
export type { ConfigTree } from './tree.js';

export interface LoadConfigOptions {
  /** Read exactly this file, ignoring `--config`, ORCA_HYBRID_CONFIG and the search. */
  filepath?: string;
  /** Values from a command's own flags, as a partial config tree; they beat the environment. */
  overrides?: ConfigTree;
}

/** The merged, unvalidated configuration (defaults not yet applied) and what was noticed on the way. */
export interface RawConfig {
  raw: ConfigTree;
  filepath: string;
  /** Problems found before schema validation (secret files, unknown environment variables). */
  problems: ConfigProblem[];
  notices: ConfigNotice[];
  /** Names of the ORCA_HYBRID_* variables applied (never their values). */
  envVars: string[];
}

/** What `config validate` reports: the config when it is valid, else every problem. */
export interface ConfigInspection {
  filepath: string;
  config: OrcaConfig | undefined;
  problems: ConfigProblem[];
  notices: ConfigNotice[];
}

/**
 * Finds and reads the config file, then layers file < ORCA_HYBRID_* environment < flags (`--lang`,
 * `overrides`), resolves relative paths against the file's folder and reads `…File` secrets.
 * Throws ConfigError when no file is found or a file cannot be read or parsed.
 */
export async function loadRawConfig(ctx: CommandContext, options: LoadConfigOptions = {}): Promise<RawConfig> {
  const explicit = options.filepath ?? ctx.global.config ?? (ctx.env[CONFIG_FILE_VAR] || undefined);
  const found = await findConfigFile(ctx.cwd, explicit);
  ctx.out.debug(ctx.t('config.debug.file', { file: found.filepath }));
  const problems: ConfigProblem[] = [];
  const notices: ConfigNotice[] = [];

  let fileLayer: ConfigTree = {};
  if (isPlainObject(found.content)) fileLayer = cloneTree(found.content);
  else problems.push({ path: '(root)', message: 'must be a mapping of settings' });
  problems.push(...findSecretConflicts(fileLayer, 'config file'));
  if (hasInlineSecret(fileLayer)) notices.push(...(await checkConfigFileMode(found.filepath)));

  const env = readEnvOverrides(ctx.env);
  problems.push(...env.problems, ...findSecretConflicts(env.layer, 'environment'));
  if (env.used.length > 0) ctx.out.debug(ctx.t('config.debug.env', { names: env.used.join(', ') }));
  if (env.ignored.length > 0) ctx.out.debug(ctx.t('config.debug.envIgnored', { names: env.ignored.join(', ') }));

  const flags = cloneTree(options.overrides ?? {});
  if (ctx.global.lang !== undefined) flags.language = ctx.global.lang;

  const raw = mergeLayers([fileLayer, env.layer, flags]);
  resolveConfigPaths(raw, dirname(found.filepath));
  const secrets = await readSecretFiles(raw);
  problems.push(...secrets.problems);
  notices.push(...secrets.notices);
  return { raw, filepath: found.filepath, problems, notices, envVars: env.used };
}

/**
 * Loads and validates without throwing on invalid settings: every problem at once, with dotted paths.
 * Switches the context's language to the configured one (unless `--lang` was given).
 */
export async function inspectConfig(ctx: CommandContext, options: LoadConfigOptions = {}): Promise<ConfigInspection> {
  const loaded = await loadRawConfig(ctx, options);
  const checked = validateConfig(loaded.raw);
  const problems = [...loaded.problems, ...(checked.ok ? [] : checked.problems)];
  const config = checked.ok && problems.length === 0 ? applyDefaults(checked.config, ctx.env) : undefined;
  const language = config?.language ?? (typeof loaded.raw.language === 'string' ? loaded.raw.language : undefined);
  ctx.setLanguageFromConfig(language);
  const notices = [...loaded.notices, ...(config ? insecureNotices(config) : [])];
  return { filepath: loaded.filepath, config, problems, notices };
}

const loaded = new WeakMap<CommandContext, Promise<{ config: OrcaConfig; filepath: string }>>();

/**
 * The validated configuration, loaded once per command run (STYLE.md §10) and passed down. Prints the
 * load-time warnings (TLS verification off, secret files others can read) to stderr. Throws ConfigError
 * (exit 2) listing every problem as `path: message` when the settings are invalid.
 */
export function loadConfig(
  ctx: CommandContext,
  options?: LoadConfigOptions,
): Promise<{ config: OrcaConfig; filepath: string }> {
  if (options) return loadValidConfig(ctx, options);
  let pending = loaded.get(ctx);
  if (!pending) {
    pending = loadValidConfig(ctx, {});
    loaded.set(ctx, pending);
  }
  return pending;
}

async function loadValidConfig(
  ctx: CommandContext,
  options: LoadConfigOptions,
): Promise<{ config: OrcaConfig; filepath: string }> {
  const inspection = await inspectConfig(ctx, options);
  printNotices(ctx, inspection.notices);
  if (!inspection.config) throw invalidConfigError(inspection.filepath, inspection.problems);
  return { config: inspection.config, filepath: inspection.filepath };
}

/** The error for an invalid configuration: one `details` line per problem. */
export function invalidConfigError(filepath: string, problems: ConfigProblem[]): ConfigError {
  return new ConfigError({
    key: 'config.invalid',
    params: { file: filepath, count: problems.length },
    details: problems.map((p) => `${p.path}: ${p.message}`),
    hintKey: 'config.invalid.hint',
  });
}

/** Writes notices to stderr in the context's language. */
export function printNotices(ctx: CommandContext, notices: readonly ConfigNotice[]): void {
  for (const notice of notices) {
    const params = { ...notice.params };
    for (const [name, key] of Object.entries(notice.terms ?? {})) params[name] = ctx.t(key);
    ctx.out.note(ctx.t(notice.key, params));
  }
}

function insecureNotices(config: OrcaConfig): ConfigNotice[] {
  return ENVIRONMENT_NAMES.filter((name) => config.environments[name].insecure).map((name) => ({
    key: 'warn.insecure',
    params: {},
    terms: { env: `env.${name}` },
  }));
}

function applyDefaults(config: OrcaConfig, env: NodeJS.ProcessEnv): OrcaConfig {
  return { ...config, stateDir: config.stateDir ?? defaultStateDir(env) };
}
