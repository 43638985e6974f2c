import { readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import { SECRET_KEYS, type ConfigProblem } from '../../core/config-schema.js';
import type { MessageParams } from '../../core/errors.js';
import { forEachSection, type ConfigTree } from './tree.js';

/** A warning the loader found; the caller renders `key` through the catalog. */
export interface ConfigNotice {
  key: string;
  params: MessageParams;
  /** Params whose value is itself a catalog key (an environment's name), translated when shown. */
  terms?: Record<string, string>;
}

/** Settings holding a file or folder path: every `…File` and `…Dir` (stateDir, vm.labDir) and `backup.folder`. */
function isPathSetting(key: string): boolean {
  return key.endsWith('File') || key.endsWith('Dir') || key === 'folder';
}

/** `~/x` → home; a relative path → against `baseDir` (the config file's folder). */
export function resolveSettingPath(value: string, baseDir: string): string {
  if (value === '~' || value.startsWith('~/') || value.startsWith('~\\')) return resolve(homedir(), value.slice(2));
  return isAbsolute(value) ? value : resolve(baseDir, value);
}

/** Makes every path setting in the tree absolute (in place). */
export function resolveConfigPaths(tree: ConfigTree, baseDir: string): void {
  forEachSection(tree, (section) => {
    for (const [key, value] of Object.entries(section)) {
      if (isPathSetting(key) && typeof value === 'string' && value !== '')
        section[key] = resolveSettingPath(value, baseDir);
    }
  });
}

/**
 * Reads every `apiKeyFile` / `passwordFile` / `passphraseFile` into its inline field (trailing line breaks,
 * LF or CRLF, removed; other whitespace kept). An unreadable or empty file is a problem at the `…File` path; a file
 * others can read
 * (POSIX mode & 077) is a notice. Paths must already be absolute. File contents never reach a message.
 */
export async function readSecretFiles(
  tree: ConfigTree,
  platform: NodeJS.Platform = process.platform,
): Promise<{ problems: ConfigProblem[]; notices: ConfigNotice[] }> {
  const jobs: Array<{ section: ConfigTree; secret: string; file: string; path: string }> = [];
  forEachSection(tree, (section, path) => {
    for (const secret of SECRET_KEYS) {
      const file = section[`${secret}File`];
      if (typeof file === 'string' && file !== '')
        jobs.push({ section, secret, file, path: [...path, `${secret}File`].join('.') });
    }
  });
  const problems: ConfigProblem[] = [];
  const notices: ConfigNotice[] = [];
  for (const job of jobs) {
    try {
      const info = await stat(job.file);
      if (!info.isFile()) {
        problems.push({ path: job.path, message: `${job.file} is not a file` });
        continue;
      }
      const text = (await readFile(job.file, 'utf8')).replace(/(\r?\n)+$/, '');
      if (text === '') problems.push({ path: job.path, message: `${job.file} is empty` });
      else job.section[job.secret] = text;
      if (platform !== 'win32' && (info.mode & 0o077) !== 0) notices.push(openFileNotice(job.file, info.mode));
    } catch (error) {
      problems.push({ path: job.path, message: `cannot read ${job.file} (${errorCode(error)})` });
    }
  }
  return { problems, notices };
}

/** The config file itself, when it holds inline secrets and others can read it. */
export async function checkConfigFileMode(
  file: string,
  platform: NodeJS.Platform = process.platform,
): Promise<ConfigNotice[]> {
  if (platform === 'win32') return [];
  try {
    const info = await stat(file);
    return (info.mode & 0o077) !== 0
      ? [{ key: 'config.warn.configFileOpen', params: { file, mode: modeText(info.mode) } }]
      : [];
  } catch {
    return [];
  }
}

function openFileNotice(file: string, mode: number): ConfigNotice {
  return { key: 'config.warn.secretFileOpen', params: { file, mode: modeText(mode) } };
}

function modeText(mode: number): string {
  return (mode & 0o777).toString(8).padStart(4, '0');
}

export function errorCode(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : error instanceof Error ? error.name : 'error';
}
