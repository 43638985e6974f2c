/**
 * The `vm` use cases' events on stderr: a spinner while the VM starts, stops or a rebuild step runs (one
 * plain line per change when nobody watches a terminal), and a tick with the elapsed seconds for every
 * rebuild step done.
 */
import type { VmRebuildEvents, VmRebuildStepRecord } from '../core/vm-rebuild.js';
import type { VmStartEvents } from '../core/vm-start.js';
import type { VmStopEvents } from '../core/vm-stop.js';
import type { Translate } from './i18n.js';
import type { Output } from './output.js';
import { createStepSpinner, settleSpinner, type StepSpinner } from './step-spinner.js';
import { renderRebuildStep } from './vm-render.js';

export interface VmProgress {
  spinner: StepSpinner;
  /** Ends the spinner with a tick when `work` succeeds, a cross when it fails; passes its result through. */
  settle<T>(work: Promise<T>): Promise<T>;
}

export async function vmProgress(out: Output): Promise<VmProgress> {
  const spinner = await createStepSpinner(out);
  return {
    spinner,
    settle: (work) => settleSpinner(spinner, work),
  };
}

export function startEvents(p: VmProgress, out: Output, t: Translate, name: string, seconds: number): VmStartEvents {
  return {
    starting: () => p.spinner.update(t('vm.starting', { name })),
    alreadyRunning: () => out.note(t('vm.alreadyRunning', { name })),
    waitingForWebOrca: () => p.spinner.update(t('vm.waitingWebOrca', { seconds })),
  };
}

export function stopEvents(p: VmProgress, t: Translate, seconds: number): VmStopEvents {
  return {
    shutdownRequested: () => p.spinner.update(t('vm.stop.requested', { seconds })),
    poweringOff: () => p.spinner.update(t('vm.stop.poweringOff')),
  };
}

/**
 * The rebuild's steps; `onStep` gets each one (the lock's phase). The restore step shows the restore's own
 * progress, so the spinner stays out of its way.
 */
export function rebuildEvents(
  p: VmProgress,
  out: Output,
  t: Translate,
  onStep: (step: string) => void,
): VmRebuildEvents {
  return {
    stepStarted: (step, detail) => {
      onStep(step);
      if (step === 'restore') return;
      p.spinner.update(detail ? t('vm.step.updateOne', detail) : t(`vm.step.${step}`));
    },
    stepFinished: (record: VmRebuildStepRecord) => {
      p.spinner.update(renderRebuildStep(record.step, record.seconds, t));
      p.spinner.stop(true);
    },
    interrupted: (done, safetyBackupId) => {
      p.spinner.stop(false);
      const steps = done.map((record) => t(`vm.step.${record.step}`)).join(', ');
      if (done.length > 0) out.note(t('vm.rebuild.interrupted', { steps }));
      if (safetyBackupId) out.note(t('vm.rebuild.safetyKept', { id: safetyBackupId }));
    },
  };
}
