import { invalidConfigError, type LoadConfigOptions } from '../adapters/config/load.js';
import type { ConfigProblem, OrcaConfig } from '../core/config-schema.js';
import type { PgToolsReport } from '../core/pg-programs.js';
import { validationOutcome } from '../ui/config-render.js';
import type { CommandOutcome } from './command.js';
import { inspectRunConfig } from './config-loader.js';
import type { CommandContext } from './context.js';

/**
 * `config validate`: every problem at once with dotted paths, and which PostgreSQL programs were found where.
 * A valid file prints `✓ <file> is valid` and the programs; an invalid one is a configuration error (exit 2)
 * listing the problems, and `--json` still gets the report. A `postgres.binDir` without pg_dump or pg_restore
 * is a problem; a program found nowhere else is a warning (a cloud-only PC may still lack them today).
 */
export async function runConfigValidate(ctx: CommandContext, options: LoadConfigOptions = {}): Promise<CommandOutcome> {
  const inspection = await inspectRunConfig(ctx, options);
  const problems = [...inspection.problems];
  let pgTools: PgToolsReport | null = null;
  if (inspection.config) {
    pgTools = await surveyPrograms(ctx, inspection.config, problems);
    const { privateFolderWarnings } = await import('../adapters/fs/paths.js');
    for (const warning of privateFolderWarnings(inspection.config, ctx.env))
      ctx.out.note(ctx.t(warning.key, warning.params));
  }
  const report = { valid: problems.length === 0, file: inspection.filepath, problems, pgTools };
  const invalid = report.valid ? undefined : invalidConfigError(report.file, report.problems);
  return validationOutcome(report, invalid, ctx.t);
}

async function surveyPrograms(
  ctx: CommandContext,
  config: OrcaConfig,
  problems: ConfigProblem[],
): Promise<PgToolsReport> {
  const { PgTools, installHintKey } = await import('../adapters/process/pg-tools.js');
  const binDir = config.postgres?.binDir;
  const report = await new PgTools({ binDir }).report();
  for (const program of report.programs) {
    if (program.chosen !== null) continue;
    if (binDir !== undefined) problems.push({ path: 'postgres.binDir', message: `has no ${program.name} (${binDir})` });
    else
      ctx.out.note(
        `⚠ ${ctx.t('pgtools.notFound', { program: program.name })} — ${ctx.t(installHintKey(), { program: program.name })}`,
      );
  }
  return report;
}
