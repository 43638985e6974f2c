/**
 * Cancellation, one model for every command: the first Ctrl-C (SIGINT; SIGTERM and SIGHUP alike) aborts the
 * run's one AbortSignal with a CancelledError (exit 130). Every long step takes that signal and stops at a
 * safe point, saying what it kept. A second one quits at once: the lock goes with the process (released on
 * exit), and whatever was half-done is what an interrupted run leaves anyway (temporary names, staging).
 */
import { setMaxListeners } from 'node:events';
import { CancelledError } from '../core/errors.js';

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

export interface InterruptWatch {
  readonly signal: AbortSignal;
  /** Stops listening (the run is over); signals then have their default effect again. */
  stop(): void;
}

/**
 * Starts listening. `onFirst` tells the person that the run is stopping (and how to quit at once); `onSecond`
 * ends the process (`main()` owns that: exit 130).
 */
export function watchInterrupts(handlers: { onFirst(signal: NodeJS.Signals): void; onSecond(): void }): InterruptWatch {
  const controller = new AbortController();
  // Every request and child process of the run listens on it; many listeners at once are expected.
  setMaxListeners(1000, controller.signal);
  const onSignal = (signal: NodeJS.Signals): void => {
    if (controller.signal.aborted) return handlers.onSecond();
    handlers.onFirst(signal);
    controller.abort(new CancelledError({ key: 'error.interrupted', params: { signal } }));
  };
  for (const signal of SIGNALS) process.on(signal, onSignal);
  return {
    signal: controller.signal,
    stop() {
      for (const signal of SIGNALS) process.removeListener(signal, onSignal);
    },
  };
}
