/**
 * The events of a restore on stderr: the chosen backup, the gate checks, then one spinner (or, not on a
 * terminal, one line per step) through the safety dump and the restore's steps.
 */
import type { RestoreProgress } from '../core/ports.js';
import type { RestoreEvents } from '../core/restore-run.js';
import type { Translate } from './i18n.js';
import type { Output } from './output.js';
import { renderChosenBackup, renderGateChecks } from './restore-render.js';
import { createStepSpinner, settleSpinner } from './step-spinner.js';

export interface RestoreProgressView {
  events: RestoreEvents;
  /** Ends the spinner with a tick when `work` succeeds, a cross when it fails; passes its result through. */
  settle<T>(work: Promise<T>): Promise<T>;
}

/** `onPhase` gets each step (for the lock's phase); `onSafetyDump` the id of the safety dump once it is kept. */
export async function restoreProgress(
  out: Output,
  t: Translate,
  hooks: { onPhase(phase: string): void; onSafetyDump(backupId: string): void },
): Promise<RestoreProgressView> {
  const spinner = await createStepSpinner(out);
  const events: RestoreEvents = {
    chosen: (backup, age) => out.note(renderChosenBackup(backup, age, t)),
    gates: (checks) => out.note(`${t('restore.gates')}\n${renderGateChecks(checks, t, out.color)}`),
    safetyDumpTaken: (id) => {
      hooks.onSafetyDump(id);
      spinner.stop(true);
      out.note(t('restore.safetyTaken', { id }));
    },
    progress: (p: RestoreProgress) => {
      hooks.onPhase(p.step);
      // Percentages only for a spinner: a log would get a line for every poll.
      const percent = p.fraction === null || !out.interactiveStderr ? '' : ` ${Math.round(p.fraction * 100)}%`;
      spinner.update(`${t(`restore.step.${p.step}`)}${percent}`);
    },
  };
  return {
    events,
    settle: (work) => settleSpinner(spinner, work),
  };
}
