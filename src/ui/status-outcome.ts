/** What `status` hands to `main()`: the report as its one `--json` document, the table for people. */
import type { OrcaError } from '../core/errors.js';
import type { PgToolsReport } from '../core/pg-programs.js';
import type { StatusReport } from '../core/status.js';
import type { Translate } from './i18n.js';
import type { CommandOutcome } from './outcome.js';
import { renderPgTools } from './pg-tools-render.js';
import { renderStatus } from './render-status.js';

/**
 * With `--strict`, an environment that did not answer is the run's error (exit 3, or 4 for refused credentials).
 * With `--verbose` (`pgTools`), the PostgreSQL programs found and where follow, in the document and the text.
 */
export function statusOutcome(
  report: StatusReport,
  strict: OrcaError | null,
  t: Translate,
  color: boolean,
  pgTools: PgToolsReport | null = null,
): CommandOutcome {
  const json = pgTools ? { ...report, pgTools } : report;
  const human = () => [renderStatus(report, t, color), ...(pgTools ? renderPgTools(pgTools, t) : [])].join('\n');
  return { json, human, ...(strict ? { error: strict } : {}) };
}
