import type { MessageParams } from '../core/errors.js';
import { terminalText } from '../core/terminal-text.js';
import { toolCommand } from './invocation.js';
import { formatWhen, isIsoInstant } from './time-format.js';
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
 * Interpolates `{name}` placeholders; an unknown key falls back to English, then to the key itself. Two
 * placeholders are rendered the same way in every message: `{tool}` is how a person runs this tool here
 * (`orca-hybrid`, or `node bin/orca-hybrid.js`), so every command shown runs as shown; and a `{…At}`
 * placeholder given an ISO-8601 instant becomes local time and age (`2026-09-06 01:10 (5 min ago)`). Every
 * value is stripped of terminal controls (`core/terminal-text.ts`).
 */
export function translator(lang: Language): Translate {
  const t: Translate = (key, given = {}) => {
    const template = CATALOG[lang][key] ?? CATALOG.en[key] ?? key;
    const params = environmentInWords(given, t);
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = name === 'tool' && params.tool === undefined ? toolCommand() : params[name];
      if (value === undefined || value === null) return whole;
      if (name.endsWith('At') && isIsoInstant(value)) return formatWhen(value, new Date(), t);
      // A value may come from a server or a file: no terminal control reaches a person, a log or a journal.
      return terminalText(String(value));
    });
  };
  return t;
}

const ENVIRONMENTS = new Set(['operating', 'cloudEmergency', 'localEmergency']);

/**
 * `{env}` given as an environment's config name (as errors carry it) is shown in words (運用環境, "operating
 * environment"); `{envKey}` keeps the config name, for messages that point at a setting.
 */
function environmentInWords(params: MessageParams, t: Translate): MessageParams {
  const env = params.env;
  if (typeof env !== 'string' || !ENVIRONMENTS.has(env)) return params;
  return { ...params, env: t(`env.${env}`), envKey: params.envKey ?? env };
}
