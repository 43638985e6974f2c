/**
 * Progress of a long step (a restore, a remote job) on stderr: an ora spinner when a person watches a
 * terminal, else one plain line each time the text changes (logs of unattended runs stay readable).
 */
import type { Output } from './output.js';

export interface StepSpinner {
  /** Shows `text`; on a non-terminal only when it differs from the last line printed. */
  update(text: string): void;
  /** Ends the spinner with a tick (success) or a cross and the last text kept on screen. */
  stop(ok: boolean): void;
}

/** A spinner on stderr when `out.interactiveStderr`, plain lines otherwise. */
export async function createStepSpinner(out: Output): Promise<StepSpinner> {
  // A terminal that reports no width (some pseudo-terminals) makes ora's line counting spin forever.
  const columns = (out.errorStream as { columns?: number }).columns ?? 0;
  if (!out.interactiveStderr || columns <= 0) {
    let last = '';
    return {
      update(text) {
        if (text === last) return;
        last = text;
        out.note(text);
      },
      stop() {
        last = '';
      },
    };
  }
  const { default: ora } = await import('ora');
  // discardStdin off: a prompt may follow, and Ctrl-C must reach our own handler.
  const spinner = ora({ stream: out.errorStream as NodeJS.WriteStream, discardStdin: false });
  return {
    update(text) {
      if (!spinner.isSpinning) spinner.start(text);
      else spinner.text = text;
    },
    stop(ok) {
      if (!spinner.isSpinning) return;
      if (ok) spinner.succeed();
      else spinner.fail();
    },
  };
}

/** Ends `spinner` with a tick when `work` succeeds, a cross when it fails; passes its result (or error) through. */
export function settleSpinner<T>(spinner: StepSpinner, work: Promise<T>): Promise<T> {
  return work.then(
    (value) => {
      spinner.stop(true);
      return value;
    },
    (error: unknown) => {
      spinner.stop(false);
      throw error;
    },
  );
}
