import type { AreaMessages, Language, MessageTable } from './catalog.js';
import { backupMessages } from './backup.js';
import { commonMessages } from './common.js';
import { configMessages } from './config.js';
import { httpMessages } from './http.js';
import { platformMessages } from './platform.js';
import { postgresMessages } from './postgres.js';
import { labDataMessages } from './lab-data.js';
import { restoreMessages } from './restore.js';
import { stateMessages } from './state.js';
import { statusMessages } from './status.js';
import { switchMessages } from './switch.js';
import { labMessages } from './lab.js';
import { vmMessages } from './vm.js';
import { bumpOrcaMessages } from './bump-orca.js';
import { orcaApiMessages } from './orca-api.js';
import { restoreOrcaMessages } from './restore-orca.js';
import { securityMessages } from './security.js';

export type { Language } from './catalog.js';

/** Every area's strings; add an area's table here (one line) when you add a file. */
export const AREAS: Record<string, AreaMessages> = {
  common: commonMessages,
  backup: backupMessages,
  config: configMessages,
  http: httpMessages,
  postgres: postgresMessages,
  platform: platformMessages,
  labData: labDataMessages,
  restore: restoreMessages,
  state: stateMessages,
  status: statusMessages,
  switch: switchMessages,
  lab: labMessages,
  vm: vmMessages,
  orcaApi: orcaApiMessages,
  restoreOrca: restoreOrcaMessages,
  bumpOrca: bumpOrcaMessages,
  security: securityMessages,
};

function merge(lang: Language): MessageTable {
  const out: MessageTable = {};
  for (const area of Object.values(AREAS)) Object.assign(out, area[lang]);
  return out;
}

export const CATALOG: Record<Language, MessageTable> = { en: merge('en'), ja: merge('ja') };
