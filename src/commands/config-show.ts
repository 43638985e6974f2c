import { redactConfig } from '../core/config-redact.js';
import { invalidConfigError } from '../adapters/config/load.js';
import { configShowOutcome } from '../ui/config-render.js';
import type { CommandOutcome } from './command.js';
import { inspectRunConfig } from './config-loader.js';
import type { CommandContext } from './context.js';

/** `config show`: the effective configuration (defaults < file < environment < flags), secrets redacted. */
export async function runConfigShow(ctx: CommandContext): Promise<CommandOutcome> {
  const inspection = await inspectRunConfig(ctx);
  if (!inspection.config) throw invalidConfigError(inspection.filepath, inspection.problems);
  return configShowOutcome({ file: inspection.filepath, config: redactConfig(inspection.config) }, ctx.t);
}
