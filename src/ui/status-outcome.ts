/** What `status` hands to `main()`: the report as its one `--json` document, the table or blocks for people. */
import type { OrcaError } from '../core/errors.js';
import type { PgToolsReport } from '../core/pg-programs.js';
import type { StatusReport } from '../core/status.js';
import type { Translate } from './i18n.js';
import type { CommandOutcome } from './outcome.js';
import { renderPgTools } from './pg-tools-render.js';
import { renderStatus, type StatusLayout } from './render-status.js';

/**
 * With `--strict`, an environment that did not answer is the run's error (exit 3, or 4 for refused
 * credentials). `quiet` (`--prometheus`: the file is the result) prints nothing for people. With `--verbose`
 * (`pgTools`), the PostgreSQL programs found and where follow, in the document and the text.
 */
export function statusOutcome(
  report: StatusReport,
  strict: OrcaError | null,
  t: Translate,
  layout: StatusLayout & { quiet?: boolean },
  pgTools: PgToolsReport | null = null,
): CommandOutcome {
  const json = pgTools ? { ...report, pgTools } : report;
  const human = () =>
    layout.quiet ? '' : [renderStatus(report, t, layout), ...(pgTools ? renderPgTools(pgTools, t) : [])].join('\n');
  return { json, human, ...(strict ? { error: strict } : {}) };
}
