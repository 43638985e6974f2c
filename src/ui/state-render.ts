/** What `select`, `journal` and `unlock` print: their `--json` documents and their lines for people. */
import { emergencyEnvironmentOf, type EmergencyChoice, type EnvironmentName } from '../core/domain.js';
import type { SelectReport } from '../core/select-run.js';
import type { JournalEntry } from '../core/journal.js';
import type { Translate } from './i18n.js';
import { renderJournalTable, type JournalLayout } from './journal-table.js';
import type { CommandOutcome } from './outcome.js';

/** `select --json`: `{ selectedEmergency, previous, pushed, pending }`; the lines for people. */
export function selectOutcome(report: SelectReport, t: Translate): CommandOutcome {
  const name = (c: EmergencyChoice) => t(`env.${emergencyEnvironmentOf(c)}`);
  const envs = (list: EnvironmentName[]): string => list.map((e) => t(`env.${e}`)).join(t('word.listSeparator'));
  const { selectedEmergency, previous, pushed, pending } = report;
  const lines =
    previous === selectedEmergency
      ? [t('select.unchanged', { env: name(selectedEmergency) })]
      : [t('select.done', { env: name(selectedEmergency), previous: name(previous) })];
  if (pushed.length > 0) lines.push(t('select.told', { envs: envs(pushed) }));
  if (pending.length > 0) lines.push(t('select.pending', { envs: envs(pending) }));
  return { json: { selectedEmergency, previous, pushed, pending }, human: () => lines.join('\n') };
}

export function journalOutcome(entries: JournalEntry[], t: Translate, layout: JournalLayout): CommandOutcome {
  return { json: entries, human: () => renderJournalTable(entries, t, layout) };
}
