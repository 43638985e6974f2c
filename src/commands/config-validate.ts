import { invalidConfigError, type LoadConfigOptions } from '../adapters/config/load.js';
import { validationOutcome } from '../ui/config-render.js';
import type { CommandOutcome } from './command.js';
import { inspectRunConfig } from './config-loader.js';
import type { CommandContext } from './context.js';

/**
 * `config validate`: every problem at once with dotted paths. A valid file prints `✓ <file> is valid`; an
 * invalid one is a configuration error (exit 2) listing the problems, and `--json` still gets the report.
 */
export async function runConfigValidate(ctx: CommandContext, options: LoadConfigOptions = {}): Promise<CommandOutcome> {
  const inspection = await inspectRunConfig(ctx, options);
  const report = { valid: inspection.problems.length === 0, file: inspection.filepath, problems: inspection.problems };
  const invalid = report.valid ? undefined : invalidConfigError(report.file, report.problems);
  return validationOutcome(report, invalid, ctx.t);
}
