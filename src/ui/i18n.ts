import type { MessageParams } from '../core/errors.js';
import { toolCommand } from './invocation.js';
import { CATALOG, type Language } from './messages/index.js';

export type { Language };
export type Translate = (key: string, params?: MessageParams) => string;

/**
 * The language: `--lang`, else the config's `language`, else LC_ALL / LC_MESSAGES / LANG (`ja*` → Japanese),
 * else English.
 */
export function chooseLanguage(
  flag: string | undefined,
  configured: string | undefined,
  env: NodeJS.ProcessEnv,
): Language {
  if (flag === 'ja' || flag === 'en') return flag;
  if (configured === 'ja' || configured === 'en') return configured;
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return locale.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

/**
 * Interpolates `{name}` placeholders; an unknown key falls back to English, then to the key itself.
 * `{tool}` is how a person runs this tool here (`orca-hybrid`, or `node bin/orca-hybrid.js`), so every
 * command a message shows runs as shown.
 */
export function translator(lang: Language): Translate {
  return (key, params = {}) => {
    const template = CATALOG[lang][key] ?? CATALOG.en[key] ?? key;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = name === 'tool' && params.tool === undefined ? toolCommand() : params[name];
      return value === undefined || value === null ? whole : String(value);
    });
  };
}

let active: Language | undefined;

/** Records the language a command settled on (after reading the config), for `main()`'s error report. */
export function setActiveLanguage(lang: Language): void {
  active = lang;
}

export function activeLanguage(): Language | undefined {
  return active;
}
