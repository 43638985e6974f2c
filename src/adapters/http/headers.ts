/** Reading response headers: node gives a string, an array (repeated headers) or nothing. */
import type { IncomingHttpHeaders } from 'node:http';
import type { AnswerMeta } from './http-types.js';

/** The first value of a header, or null when it is absent. */
export function firstHeader(value: string | string[] | undefined | null): string | null {
  const first = Array.isArray(value) ? value[0] : value;
  return first ?? null;
}

/** `Retry-After` in ms (seconds or an HTTP date), or null when absent or unreadable. */
export function retryAfterMs(value: string | undefined): number | null {
  if (value === undefined) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}

/** What every answer reports besides its body. */
export function answerMeta(status: number, headers: IncomingHttpHeaders, attempts: number): AnswerMeta {
  return { status, headers, reportedMode: firstHeader(headers['x-hybridmode']), attempts };
}
