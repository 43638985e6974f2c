/** `status --prometheus <file>`: the report as the fleet's node_exporter textfile (docs/monitoring.md). */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fleetMetrics } from '../core/fleet-metrics.js';
import type { StatusReport } from '../core/status.js';
import { writeTextfile } from '../adapters/fs/prometheus-textfile.js';
import type { CommandContext } from './context.js';

const version = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

export async function writeFleetMetrics(
  ctx: CommandContext,
  report: StatusReport,
  institutionCode: string,
  file: string,
): Promise<void> {
  const families = fleetMetrics({ report, institutionCode, toolVersion: version, now: new Date() });
  await writeTextfile(resolve(ctx.cwd, file), families);
}
