/**
 * The errors a restore ends with when it did not complete: `failed` (the old database is untouched — say
 * so, with the step and the cause) and `unknown` (a remote job still running: exit 8, re-run to resume).
 */
import type { EnvironmentName } from './domain.js';
import {
  AuthError,
  CancelledError,
  ExitCode,
  GuardError,
  LockedError,
  PartialError,
  UnexpectedError,
  UnreachableError,
  VerificationError,
  isOrcaError,
  type OrcaErrorInit,
} from './errors.js';
import type { OrcaError } from './errors.js';
import type { RestoreStep } from './ports.js';

/**
 * A failed restore as one error: message `restore.failed.<step>` ("restore into {env} failed while …; the
 * database in use was left untouched"), the cause's text and details underneath, and the cause's exit code (a lost
 * connection
 * stays exit 3, a damaged archive exit 6, anything else exit 1).
 */
export function restoreFailedError(
  env: EnvironmentName,
  step: RestoreStep,
  cause: unknown,
  explain: (error: unknown) => string,
): OrcaError {
  const init: OrcaErrorInit = {
    key: `restore.failed.${step}`,
    params: { env },
    hintKey: 'restore.failed.hint',
    hintParams: { env },
    details: [explain(cause), ...(isOrcaError(cause) ? cause.details : [])],
    cause,
  };
  const code = isOrcaError(cause) ? cause.exitCode : ExitCode.unexpected;
  switch (code) {
    case ExitCode.unreachable:
      return new UnreachableError(init);
    case ExitCode.auth:
      return new AuthError(init);
    case ExitCode.refused:
      return new GuardError(init);
    case ExitCode.verification:
      return new VerificationError(init);
    case ExitCode.locked:
      return new LockedError(init);
    case ExitCode.cancelled:
      return new CancelledError(init);
    default:
      return new UnexpectedError(init);
  }
}

/** A remote restore job not finished (or not answerable) by the deadline: exit 8, never a failure. */
export function restoreUnknownError(
  env: EnvironmentName,
  jobId: string,
  step: RestoreStep,
  fraction: number | null,
): PartialError {
  return new PartialError({
    key: 'restore.unknown',
    params: { env, jobId, step, percent: fraction === null ? '?' : Math.round(fraction * 100) },
    hintKey: 'restore.unknown.hint',
  });
}
