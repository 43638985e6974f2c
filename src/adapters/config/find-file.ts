import { cosmiconfig, type CosmiconfigResult } from 'cosmiconfig';
import { resolve } from 'node:path';
import { ConfigError } from '../../core/errors.js';
import { ConfigParseFailure, loadJsSafely, loadJsonSafely, loadYamlSafely } from './file-loaders.js';
import { errorCode } from './secret-files.js';

export const MODULE_NAME = 'orca-hybrid';

/** Where a configuration is looked for in the working folder, first match wins (docs/configuration.md). */
export const SEARCH_PLACES = [
  `${MODULE_NAME}.yaml`,
  `${MODULE_NAME}.yml`,
  `${MODULE_NAME}.json`,
  `.${MODULE_NAME}rc`,
  `.${MODULE_NAME}rc.yaml`,
  `.${MODULE_NAME}rc.yml`,
  `.${MODULE_NAME}rc.json`,
  `.${MODULE_NAME}rc.js`,
  `.${MODULE_NAME}rc.mjs`,
  `.${MODULE_NAME}rc.cjs`,
  `${MODULE_NAME}.config.js`,
  `${MODULE_NAME}.config.mjs`,
  `${MODULE_NAME}.config.cjs`,
  `.config/${MODULE_NAME}rc`,
  `.config/${MODULE_NAME}rc.yaml`,
  `.config/${MODULE_NAME}rc.yml`,
  `.config/${MODULE_NAME}rc.json`,
  'package.json',
];

export interface FoundConfigFile {
  filepath: string;
  /** The file's settings as parsed; `{}` for an empty file. */
  content: unknown;
}

function explorer() {
  return cosmiconfig(MODULE_NAME, {
    searchPlaces: SEARCH_PLACES,
    searchStrategy: 'none',
    cache: false,
    loaders: {
      '.yaml': loadYamlSafely,
      '.yml': loadYamlSafely,
      '.json': loadJsonSafely,
      '.js': loadJsSafely,
      '.mjs': loadJsSafely,
      '.cjs': loadJsSafely,
      noExt: loadYamlSafely,
      // `--config settings.conf`: any other extension is read as YAML (which also reads JSON).
      default: loadYamlSafely,
    },
  });
}

/**
 * Reads `explicit` exactly when given (from `--config` or ORCA_HYBRID_CONFIG), else searches `cwd` only.
 * Throws ConfigError (exit 2) when nothing is found, a named file cannot be read, or a file does not
 * parse; messages name the file and the position, never its content.
 */
export async function findConfigFile(cwd: string, explicit: string | undefined): Promise<FoundConfigFile> {
  let result: CosmiconfigResult;
  const target = explicit === undefined ? undefined : resolve(cwd, explicit);
  try {
    result = target === undefined ? await explorer().search(cwd) : await explorer().load(target);
  } catch (error) {
    const file = (error as { filepath?: string }).filepath ?? target ?? cwd;
    if (error instanceof ConfigParseFailure) {
      // Node does not report where an ES module's syntax error is; `node --check` shows it (with the text).
      const hintKey = /\.[cm]?js$/.test(file) ? 'config.parseError.jsHint' : 'config.parseError.hint';
      throw new ConfigError({
        key: 'config.parseError',
        params: { file, position: error.position, reason: error.reason },
        hintKey,
      });
    }
    throw new ConfigError({
      key: 'config.unreadable',
      params: { file, reason: errorCode(error) },
      hintKey: 'config.unreadable.hint',
    });
  }
  if (result === null) {
    if (target !== undefined)
      throw new ConfigError({ key: 'config.noSettings', params: { file: target }, hintKey: 'config.notFound.hint' });
    throw new ConfigError({ key: 'config.notFound', params: { folder: cwd }, hintKey: 'config.notFound.hint' });
  }
  return { filepath: result.filepath, content: result.isEmpty ? {} : (result.config as unknown) };
}
