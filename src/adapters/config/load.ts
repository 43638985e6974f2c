import { dirname } from 'node:path';
import { ENVIRONMENT_NAMES, validateConfig, type ConfigProblem, type OrcaConfig } from '../../core/config-schema.js';
import { ConfigError, type MessageParams } from '../../core/errors.js';
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

/**
 * Where a command run looks for its configuration: its folder and environment, and the flags that beat the
 * file (`--config`, `--lang`). The loader returns data; the command layer prints notices and sets the language.
 */
export interface ConfigSource {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** `--config <file>`. */
  file?: string;
  /** `--lang`: beats the file's `language` and the environment's. */
  language?: string;
  /** Debug lines (which file, which variables) as catalog keys, for `--verbose`. */
  debug?: (key: string, params: MessageParams) => void;
}

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
  /** The configured `language` (also read from an invalid file, so its errors speak it). */
  language: string | undefined;
}

/** A valid configuration and what was noticed while reading it (printed by the command layer). */
export interface LoadedConfig {
  config: OrcaConfig;
  filepath: string;
  notices: ConfigNotice[];
}

/**
 * Finds and reads the config file, then layers file < ORCA_HYBRID_* environment < flags (`--lang`,
 * `overrides`), resolves relative paths against the file's folder and reads `…File` secrets.
 * Throws ConfigError when no file is found or a file cannot be read or parsed.
 */
export async function loadRawConfig(source: ConfigSource, options: LoadConfigOptions = {}): Promise<RawConfig> {
  const explicit = options.filepath ?? source.file ?? (source.env[CONFIG_FILE_VAR] || undefined);
  const found = await findConfigFile(source.cwd, explicit);
  source.debug?.('config.debug.file', { file: found.filepath });
  const problems: ConfigProblem[] = [];
  const notices: ConfigNotice[] = [];

  let fileLayer: ConfigTree = {};
  if (isPlainObject(found.content)) fileLayer = cloneTree(found.content);
  else problems.push({ path: '(root)', message: 'must be a mapping of settings' });
  problems.push(...findSecretConflicts(fileLayer, 'config file'));
  if (hasInlineSecret(fileLayer)) notices.push(...(await checkConfigFileMode(found.filepath)));

  const env = readEnvOverrides(source.env);
  problems.push(...env.problems, ...findSecretConflicts(env.layer, 'environment'));
  if (env.used.length > 0) source.debug?.('config.debug.env', { names: env.used.join(', ') });
  if (env.ignored.length > 0) source.debug?.('config.debug.envIgnored', { names: env.ignored.join(', ') });

  const flags = cloneTree(options.overrides ?? {});
  if (source.language !== undefined) flags.language = source.language;

  const raw = mergeLayers([fileLayer, env.layer, flags]);
  resolveConfigPaths(raw, dirname(found.filepath));
  const secrets = await readSecretFiles(raw);
  problems.push(...secrets.problems);
  notices.push(...secrets.notices);
  return { raw, filepath: found.filepath, problems, notices, envVars: env.used };
}

/** Loads and validates without throwing on invalid settings: every problem at once, with dotted paths. */
export async function inspectConfig(source: ConfigSource, options: LoadConfigOptions = {}): Promise<ConfigInspection> {
  const loaded = await loadRawConfig(source, options);
  const checked = validateConfig(loaded.raw);
  const problems = [...loaded.problems, ...(checked.ok ? [] : checked.problems)];
  const config = checked.ok && problems.length === 0 ? applyDefaults(checked.config, source.env) : undefined;
  const language = config?.language ?? (typeof loaded.raw.language === 'string' ? loaded.raw.language : undefined);
  const notices = [...loaded.notices, ...(config ? insecureNotices(config) : [])];
  return { filepath: loaded.filepath, config, problems, notices, language };
}

/**
 * The validated configuration with the load-time notices (TLS verification off, secret files others can
 * read). Throws ConfigError (exit 2) listing every problem as `path: message` when the settings are invalid.
 */
export async function loadConfig(source: ConfigSource, options: LoadConfigOptions = {}): Promise<LoadedConfig> {
  const inspection = await inspectConfig(source, options);
  if (!inspection.config) throw invalidConfigError(inspection.filepath, inspection.problems);
  return { config: inspection.config, filepath: inspection.filepath, notices: inspection.notices };
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
