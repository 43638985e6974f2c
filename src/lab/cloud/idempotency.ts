/** Replays the first answer of a request id (same body) and refuses its reuse with another body (409). */
import { HttpError } from './http-util.js';
import { hashBody, type ServerState } from './state-files.js';

export interface Answer {
  status: number;
  body: unknown;
}

export class Idempotency {
  private readonly inFlight = new Map<string, Promise<Answer>>();

  constructor(private readonly state: ServerState) {}

  /** Runs `fn` once per request id; concurrent and later repeats get the same answer. */
  async run(operation: string, requestId: string, body: unknown, fn: () => Promise<Answer>): Promise<Answer> {
    const bodyHash = hashBody(operation, body);
    const pending = this.inFlight.get(requestId);
    if (pending) {
      const answer = await pending;
      return this.check(operation, requestId, bodyHash) ?? answer;
    }
    const known = this.check(operation, requestId, bodyHash);
    if (known) return known;
    const promise = (async () => {
      const answer = await fn();
      await this.state.remember(requestId, { operation, bodyHash, ...answer, at: new Date().toISOString() });
      return answer;
    })();
    this.inFlight.set(requestId, promise);
    try {
      return await promise;
    } finally {
      this.inFlight.delete(requestId);
    }
  }

  private check(operation: string, requestId: string, bodyHash: string): Answer | null {
    const known = this.state.recall(requestId);
    if (!known) return null;
    if (known.operation !== operation || known.bodyHash !== bodyHash) {
      throw new HttpError(409, 'REQUEST_ID_REUSED', 'this requestId was used before with another request');
    }
    return { status: known.status, body: known.body };
  }
}
