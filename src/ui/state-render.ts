/** What `select`, `journal` and `unlock` print: their `--json` documents and their lines for people. */
import { emergencyEnvironmentOf, type EmergencyChoice } from '../core/domain.js';
import type { JournalEntry } from '../core/journal.js';
import type { Translate } from './i18n.js';
import { renderJournalTable, type JournalLayout } from './journal-table.js';
import type { CommandOutcome } from './outcome.js';

/** What `select --json` prints. */
export interface SelectReport {
  selectedEmergency: EmergencyChoice;
  previous: EmergencyChoice;
}

export function selectOutcome(report: SelectReport, t: Translate): CommandOutcome {
  const name = (c: EmergencyChoice) => t(`env.${emergencyEnvironmentOf(c)}`);
  return {
    json: report,
    human: () =>
      report.previous === report.selectedEmergency
        ? t('select.unchanged', { env: name(report.selectedEmergency) })
        : t('select.done', { env: name(report.selectedEmergency), previous: name(report.previous) }),
  };
}

export function journalOutcome(entries: JournalEntry[], t: Translate, layout: JournalLayout): CommandOutcome {
  return { json: entries, human: () => renderJournalTable(entries, t, layout) };
}
