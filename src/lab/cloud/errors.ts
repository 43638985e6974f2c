/** Turns whatever a handler threw into an answer: contract errors as they are, the rest as 500. */
import type { ServerResponse } from 'node:http';
import { OrcaError } from '../../core/errors.js';
import { HttpError, sendError } from './http-util.js';

export function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  if (error instanceof OrcaError && /^(postgres|sequences)\./.test(error.key)) {
    return new HttpError(500, 'DATABASE_ERROR', `the environment's database failed (${error.key})`);
  }
  return new HttpError(500, 'INTERNAL', 'unexpected server error');
}

/** Answers the error, or cuts the connection when an answer has already started or cannot be sent. */
export function answerError(res: ServerResponse, error: unknown, log: (line: string) => void): void {
  const http = toHttpError(error);
  if (http.status >= 500 && !(error instanceof HttpError))
    log(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  if (res.headersSent || res.destroyed || !res.writable) {
    res.socket?.destroy();
    return;
  }
  // A client still sending a body it will never get processed: close rather than read it all.
  if (!res.req.complete) res.setHeader('Connection', 'close');
  sendError(res, http);
}
