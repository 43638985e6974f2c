/**
 * An `Api_Result` error as a typed error (docs/orca-data.md §6): the code and ORCA's own
 * `Api_Result_Message` always shown, whether the tool knows the code or not; a known code adds what it
 * means. `99` (user not registered) is an authentication failure (exit 4); the rest are exit 3, as a
 * WebORCA that answers but refuses is of no more use than one that does not answer.
 */
import type { EnvironmentName } from '../../core/domain.js';
import { AuthError, UnreachableError, type OrcaError } from '../../core/errors.js';
import { classifyApiResult, printable } from './answers.js';

/** Codes whose meaning the catalog explains (common to ORCA's APIs). */
const KNOWN_RESULTS = new Set(['89', '90', '91', '97', '98', '99']);

/** A warning ORCA sent with a successful answer, or a shape the tool could not use. */
export interface OrcaApiWarning {
  key: string;
  params: Record<string, string>;
}

/** Marks an `Api_Result` business error (as opposed to a transport failure). */
export class OrcaApiResultError extends UnreachableError {}
class OrcaApiUserError extends AuthError {}

export function apiResultError(
  where: { env: EnvironmentName; api: string; url: string },
  answer: { Api_Result: string; Api_Result_Message?: string },
): OrcaError {
  const code = printable(answer.Api_Result, 8) || '?';
  const result = classifyApiResult(code);
  const number = result.kind === 'error' ? result.number : null;
  const key = number !== null && KNOWN_RESULTS.has(number) ? `orcaApi.result.${number}` : 'orcaApi.result.other';
  const init = {
    key,
    params: { ...where, code, message: printable(answer.Api_Result_Message, 200) || '-' },
    hintKey: 'orcaApi.failed.hint',
  };
  return number === '99' ? new OrcaApiUserError(init) : new OrcaApiResultError(init);
}
