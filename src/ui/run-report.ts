/**
 * How a run ends on the screen, written by `main()` alone: the error (message, details, its cause, the
 * hint, the command's notes) on stderr, and on stdout exactly one result — the command's document under
 * `--json` (or the error document when there is none), else its human rendering.
 */
import { ExitCode, isOrcaError, type OrcaError } from '../core/errors.js';
import type { Translate } from './i18n.js';
import type { CommandOutcome } from './outcome.js';
import type { Output } from './output.js';

/** The error as `--json` documents carry it (docs/json-output.md). */
export interface ErrorDocument {
  code: string;
  exitCode: number;
  message: string;
  details: string[];
  hint: string | null;
}

/** How the run ended: a command's outcome, an error thrown, or nothing to report (help, version). */
export type RunEnding =
  | ({ kind: 'outcome' } & CommandOutcome)
  | { kind: 'error'; error: unknown }
  /** Commander refused the command line (and printed why): exit 2. */
  | { kind: 'usage'; message: string }
  | { kind: 'quiet' };

/** The exit code of an ending (docs/exit-codes.md). */
export function exitCodeOf(ending: RunEnding): number {
  if (ending.kind === 'quiet') return ExitCode.ok;
  if (ending.kind === 'outcome') return ending.exitCode ?? ending.error?.exitCode ?? ExitCode.ok;
  if (ending.kind === 'usage') return ExitCode.usage;
  return isOrcaError(ending.error) ? ending.error.exitCode : ExitCode.unexpected;
}

export function errorDocument(error: OrcaError, t: Translate): ErrorDocument {
  return {
    code: error.code,
    exitCode: error.exitCode,
    message: t(error.key, error.params),
    details: error.details,
    hint: error.hintKey ? t(error.hintKey, error.hintParams) : null,
  };
}

/** Writes the ending: stderr for people, then the one result on stdout. */
export function writeEnding(ending: RunEnding, out: Output, t: Translate): void {
  if (ending.kind === 'quiet') return;
  if (ending.kind === 'outcome') {
    if (ending.error) out.note(renderError(ending.error, t, out.verbose, ending.notes));
    out.result(ending.json, ending.human ?? (() => ''));
    return;
  }
  if (ending.kind === 'usage') {
    // Commander printed its message (and usage) already; `--json` still gets its one document.
    if (out.json) out.result({ error: usageDocument(ending.message, t) }, () => '');
    return;
  }
  const error = ending.error;
  if (isOrcaError(error)) {
    out.note(renderError(error, t, out.verbose));
    if (out.json) out.result({ error: errorDocument(error, t) }, () => '');
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  const lines = [`${t('error.prefix')}: ${t('error.unexpected', { message })}`];
  lines.push(`${t('error.hint')}: ${t('error.unexpected.hint')}`);
  if (out.verbose && error instanceof Error && error.stack) lines.push(t('error.verboseStack'), error.stack);
  out.note(lines.join('\n'));
  if (out.json) out.result({ error: { code: 'UNEXPECTED', exitCode: ExitCode.unexpected, message } }, () => '');
}

/** The lines of an error for people: message, details, its typed cause (unless a detail says it), hint, notes. */
export function renderError(error: OrcaError, t: Translate, verbose: boolean, notes: string[] = []): string {
  const lines = [`${t('error.prefix')}: ${t(error.key, error.params)}`, ...error.details.map((d) => `  ${d}`)];
  if (isOrcaError(error.cause)) {
    const cause = t(error.cause.key, error.cause.params);
    if (!error.details.includes(cause)) lines.push(`  ${cause}`);
  }
  if (error.hintKey) lines.push(`${t('error.hint')}: ${t(error.hintKey, error.hintParams)}`);
  lines.push(...notes);
  if (verbose && error.stack) lines.push(t('error.verboseStack'), error.stack);
  return lines.join('\n');
}

function usageDocument(message: string, t: Translate): ErrorDocument {
  return { code: 'USAGE', exitCode: ExitCode.usage, message, details: [], hint: t('error.usage.hint') };
}
