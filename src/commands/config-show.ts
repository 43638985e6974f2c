import YAML from 'yaml';
import { redactConfig } from '../core/config-redact.js';
import type { OrcaConfig } from '../core/config-schema.js';
import { inspectConfig, invalidConfigError, printNotices } from '../adapters/config/load.js';
import type { CommandContext } from './context.js';

/** What `config show --json` prints: the effective settings with every secret `<redacted>`. */
export interface ConfigShowReport {
  file: string;
  config: OrcaConfig;
}

/** `config show`: the effective configuration (defaults < file < environment < flags), secrets redacted. */
export async function runConfigShow(ctx: CommandContext): Promise<void> {
  const inspection = await inspectConfig(ctx);
  printNotices(ctx, inspection.notices);
  if (!inspection.config) throw invalidConfigError(inspection.filepath, inspection.problems);
  const report: ConfigShowReport = { file: inspection.filepath, config: redactConfig(inspection.config) };
  ctx.out.result(
    report,
    () => `# ${ctx.t('config.show.source', { file: report.file })}\n${YAML.stringify(report.config)}`,
  );
}
