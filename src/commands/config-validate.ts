import { ExitCode } from '../core/errors.js';
import { inspectConfig, invalidConfigError, printNotices, type LoadConfigOptions } from '../adapters/config/load.js';
import type { CommandContext } from './context.js';

/** What `config validate --json` prints. */
export interface ConfigValidationReport {
  valid: boolean;
  file: string;
  problems: Array<{ path: string; message: string }>;
}

/**
 * `config validate`: every problem at once with dotted paths. Human output: `✓ <file> is valid`, or the
 * problems as a configuration error (exit 2). `--json`: the report on stdout, exit 2 when invalid.
 */
export async function runConfigValidate(ctx: CommandContext, options: LoadConfigOptions = {}): Promise<void> {
  const inspection = await inspectConfig(ctx, options);
  printNotices(ctx, inspection.notices);
  const report: ConfigValidationReport = {
    valid: inspection.problems.length === 0,
    file: inspection.filepath,
    problems: inspection.problems,
  };
  if (!report.valid && !ctx.out.json) throw invalidConfigError(report.file, report.problems);
  ctx.out.result(report, () => `✓ ${ctx.t('config.valid', { file: report.file })}`);
  if (!report.valid) process.exitCode = ExitCode.usage;
}
