import type { AreaMessages, Language, MessageTable } from './catalog.js';
import { commonMessages } from './common.js';
import { configMessages } from './config.js';
import { httpMessages } from './http.js';
import { postgresMessages } from './postgres.js';
import { labDataMessages } from './lab-data.js';
import { stateMessages } from './state.js';

export type { Language } from './catalog.js';

/** Every area's strings; add an area's table here (one line) when you add a file. */
export const AREAS: Record<string, AreaMessages> = {
  common: commonMessages,
  config: configMessages,
  http: httpMessages,
  postgres: postgresMessages,
  labData: labDataMessages,
  state: stateMessages,
};

function merge(lang: Language): MessageTable {
  const out: MessageTable = {};
  for (const area of Object.values(AREAS)) Object.assign(out, area[lang]);
  return out;
}

export const CATALOG: Record<Language, MessageTable> = { en: merge('en'), ja: merge('ja') };
