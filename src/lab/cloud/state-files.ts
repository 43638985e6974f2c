/**
 * The lab server's small state: the recorded mode (`mode.json`) and the idempotency record of requests by
 * `requestId` (`requests.json`, the newest 1000). Both written atomically (temp + rename), 0600.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { MODES, type Mode } from '../../core/domain.js';

const MAX_REMEMBERED_REQUESTS = 1000;

export interface ModeRecord {
  mode: Mode;
  reason: string;
  updatedAt: string;
}

/** A remembered answer: replayed for a repeat of the same request id and body. */
export interface RememberedAnswer {
  operation: string;
  bodyHash: string;
  status: number;
  body: unknown;
  at: string;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch {
    return null;
  }
}

export class ServerState {
  private modeRecord: ModeRecord;
  private readonly requests: Map<string, RememberedAnswer>;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly dir: string,
    initialMode: Mode = 'normal',
  ) {
    const stored = readJson(this.modeFile) as Partial<ModeRecord> | null;
    this.modeRecord =
      stored && (MODES as readonly string[]).includes(stored.mode ?? '')
        ? { mode: stored.mode!, reason: String(stored.reason ?? ''), updatedAt: String(stored.updatedAt ?? '') }
        : { mode: initialMode, reason: 'initial', updatedAt: new Date().toISOString() };
    const entries = readJson(this.requestsFile);
    this.requests = new Map(Array.isArray(entries) ? (entries as [string, RememberedAnswer][]) : []);
  }

  private get modeFile(): string {
    return join(this.dir, 'mode.json');
  }

  private get requestsFile(): string {
    return join(this.dir, 'requests.json');
  }

  get mode(): Mode {
    return this.modeRecord.mode;
  }

  async setMode(mode: Mode, reason: string): Promise<Mode> {
    const previous = this.modeRecord.mode;
    this.modeRecord = { mode, reason, updatedAt: new Date().toISOString() };
    await this.persist(this.modeFile, this.modeRecord);
    return previous;
  }

  /** The remembered answer of `requestId`, or null; `hash` tells a repeat from a reuse with another body. */
  recall(requestId: string): RememberedAnswer | null {
    return this.requests.get(requestId) ?? null;
  }

  async remember(requestId: string, answer: RememberedAnswer): Promise<void> {
    this.requests.delete(requestId);
    this.requests.set(requestId, answer);
    while (this.requests.size > MAX_REMEMBERED_REQUESTS) this.requests.delete(this.requests.keys().next().value!);
    await this.persist(this.requestsFile, [...this.requests]);
  }

  private persist(file: string, value: unknown): Promise<void> {
    // Serialised, so two quick writes never land out of order.
    this.writing = this.writing
      .catch(() => undefined)
      .then(() => writeFileAtomic(file, JSON.stringify(value), { mode: 0o600 }));
    return this.writing;
  }
}

/** A stable hash of a request body (key order does not matter) for idempotency checks. */
export function hashBody(operation: string, body: unknown): string {
  return createHash('sha256')
    .update(operation + '\n' + stableStringify(body))
    .digest('hex');
}

function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => JSON.stringify(k) + ':' + stableStringify(v)).join(',')}}`;
  }
  return JSON.stringify(value);
}
