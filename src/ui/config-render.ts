/** What `config validate` and `config show` print (docs/json-output.md). */
import YAML from 'yaml';
import type { OrcaConfig } from '../core/config-schema.js';
import type { OrcaError } from '../core/errors.js';
import type { PgToolsReport } from '../core/pg-programs.js';
import type { Translate } from './i18n.js';
import type { CommandOutcome } from './outcome.js';
import { renderPgTools } from './pg-tools-render.js';

/** What `config validate --json` prints. */
export interface ConfigValidationReport {
  valid: boolean;
  file: string;
  problems: Array<{ path: string; message: string }>;
  /** The PostgreSQL programs found and where (null when the file could not be read as a configuration). */
  pgTools: PgToolsReport | null;
}

/** What `config show --json` prints: the effective settings with every secret `<redacted>`. */
export interface ConfigShowReport {
  file: string;
  config: OrcaConfig;
}

/** `✓ <file> is valid`; an invalid file is its configuration error (exit 2), with the report under `--json`. */
export function validationOutcome(
  report: ConfigValidationReport,
  invalid: OrcaError | undefined,
  t: Translate,
): CommandOutcome {
  if (invalid) return { json: report, error: invalid };
  const tools = report.pgTools ? renderPgTools(report.pgTools, t) : [];
  return { json: report, human: () => [`✓ ${t('config.valid', { file: report.file })}`, ...tools].join('\n') };
}

export function configShowOutcome(report: ConfigShowReport, t: Translate): CommandOutcome {
  return {
    json: report,
    human: () => `# ${t('config.show.source', { file: report.file })}\n${YAML.stringify(report.config)}`,
  };
}
