/**
 * Fault knobs of the lab servers (docs/lab.md, "Fault knobs"), flipped at runtime by tests and `lab` through
 * the admin listener or in process. Download faults are one-shot by default (`times`), so "reset, then the
 * re-run succeeds" needs no second call. Listener faults (outage, blackhole) are applied by `FrontListener`.
 */
import { EventEmitter } from 'node:events';
import { z } from 'zod';

export interface FaultState {
  /** Refuse connections: the listening socket is closed and open connections destroyed. */
  outage: boolean;
  /** Accept TCP connections but never answer (not even the TLS handshake). */
  blackhole: boolean;
  /** Delay before every answer, in ms. */
  delayMs: number;
  /** Answer the next N requests with `failStatus` (a 5xx). */
  failNext: number;
  failStatus: number;
  /** Reset the connection (TCP RST) after this many body bytes of a download. */
  resetAfterBytes: number | null;
  resetTimes: number;
  /** Send the full Content-Length but end the connection after this many body bytes. */
  truncateAfterBytes: number | null;
  truncateTimes: number;
  /** Flip the byte at this offset of the dump file (absolute, so ranged downloads are hit too). */
  corruptAtOffset: number | null;
  corruptTimes: number;
  /** Pace every download body at this many bits per second (a real link's speed); null: as fast as it goes. */
  rate: number | null;
  /** Send this many bytes more than the file holds (a server that lies about, or never ends, a download). */
  overlongBytes: number | null;
  overlongTimes: number;
  /** Whether Content-Length counts the extra bytes (true) or the answer is chunked without one (false). */
  overlongDeclared: boolean;
}

const count = z.number().int().min(0).max(1_000_000);
const bytes = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** What a caller may set; `times` applies to the download faults named in the same patch (default 1). */
export const faultPatchSchema = z
  .object({
    outage: z.boolean(),
    blackhole: z.boolean(),
    delayMs: z.number().int().min(0).max(600_000),
    failNext: count,
    failStatus: z.number().int().min(500).max(599),
    resetAfterBytes: bytes.nullable(),
    truncateAfterBytes: bytes.nullable(),
    corruptAtOffset: bytes.nullable(),
    rate: z.number().int().min(8_000).max(100_000_000_000).nullable(),
    overlongBytes: bytes.min(1).nullable(),
    overlongDeclared: z.boolean(),
    times: z.number().int().min(1).max(1_000_000),
  })
  .partial()
  .strict();
export type FaultPatch = z.infer<typeof faultPatchSchema>;

/** What one download must suffer, taken (and counted down) when the download starts. */
export interface DownloadFaultPlan {
  /** Absolute file offset to corrupt, or null. */
  corruptAtOffset: number | null;
  /** Stop after this many body bytes, by reset or truncation, or null. */
  stopAfterBytes: number | null;
  stopKind: 'reset' | 'truncate';
  /** Bytes sent after the file's, or null; `extraDeclared`: counted in Content-Length (else chunked). */
  extraBytes: number | null;
  extraDeclared: boolean;
}

const CLEAR: FaultState = {
  outage: false,
  blackhole: false,
  delayMs: 0,
  failNext: 0,
  failStatus: 503,
  resetAfterBytes: null,
  resetTimes: 0,
  truncateAfterBytes: null,
  truncateTimes: 0,
  corruptAtOffset: null,
  corruptTimes: 0,
  rate: null,
  overlongBytes: null,
  overlongTimes: 0,
  overlongDeclared: true,
};

/** Holds the knobs of one server; emits `change` with the new state after every update. */
export class FaultController extends EventEmitter {
  private state: FaultState = { ...CLEAR };
  private readonly appliers: ((state: FaultState) => Promise<void>)[] = [];
  private pending: Promise<void> = Promise.resolve();

  /** Registers work that makes a new state real (closing or reopening a port); run in order, one at a time. */
  onApply(applier: (state: FaultState) => Promise<void>): void {
    this.appliers.push(applier);
  }

  /** Resolves once every state set so far is in effect (e.g. the port listens again after an outage). */
  applied(): Promise<void> {
    return this.pending;
  }

  get(): FaultState {
    return { ...this.state };
  }

  /** Applies a validated patch (throws a ZodError on a bad one) and returns the new state. */
  set(patch: unknown): FaultState {
    const p = faultPatchSchema.parse(patch);
    const times = p.times ?? 1;
    const next = { ...this.state };
    if (p.outage !== undefined) next.outage = p.outage;
    if (p.blackhole !== undefined) next.blackhole = p.blackhole;
    if (p.delayMs !== undefined) next.delayMs = p.delayMs;
    if (p.failNext !== undefined) next.failNext = p.failNext;
    if (p.failStatus !== undefined) next.failStatus = p.failStatus;
    if (p.resetAfterBytes !== undefined)
      Object.assign(next, { resetAfterBytes: p.resetAfterBytes, resetTimes: p.resetAfterBytes === null ? 0 : times });
    if (p.truncateAfterBytes !== undefined)
      Object.assign(next, {
        truncateAfterBytes: p.truncateAfterBytes,
        truncateTimes: p.truncateAfterBytes === null ? 0 : times,
      });
    if (p.rate !== undefined) next.rate = p.rate;
    if (p.overlongDeclared !== undefined) next.overlongDeclared = p.overlongDeclared;
    if (p.overlongBytes !== undefined)
      Object.assign(next, { overlongBytes: p.overlongBytes, overlongTimes: p.overlongBytes === null ? 0 : times });
    if (p.corruptAtOffset !== undefined)
      Object.assign(next, { corruptAtOffset: p.corruptAtOffset, corruptTimes: p.corruptAtOffset === null ? 0 : times });
    return this.replace(next);
  }

  clear(): FaultState {
    return this.replace({ ...CLEAR });
  }

  /** The status to fail this request with, counting `failNext` down; null when no failure is due. */
  takeFailure(): number | null {
    if (this.state.failNext <= 0) return null;
    this.state.failNext -= 1;
    return this.state.failStatus;
  }

  /** The faults the download starting now must suffer (each counts down its `times`); null when none. */
  takeDownloadPlan(): DownloadFaultPlan | null {
    const s = this.state;
    const plan: DownloadFaultPlan = {
      corruptAtOffset: null,
      stopAfterBytes: null,
      stopKind: 'reset',
      extraBytes: null,
      extraDeclared: s.overlongDeclared,
    };
    if (s.overlongBytes !== null && s.overlongTimes > 0) {
      plan.extraBytes = s.overlongBytes;
      if (--s.overlongTimes === 0) s.overlongBytes = null;
    }
    if (s.corruptAtOffset !== null && s.corruptTimes > 0) {
      plan.corruptAtOffset = s.corruptAtOffset;
      if (--s.corruptTimes === 0) s.corruptAtOffset = null;
    }
    if (s.resetAfterBytes !== null && s.resetTimes > 0) {
      plan.stopAfterBytes = s.resetAfterBytes;
      if (--s.resetTimes === 0) s.resetAfterBytes = null;
    } else if (s.truncateAfterBytes !== null && s.truncateTimes > 0) {
      Object.assign(plan, { stopAfterBytes: s.truncateAfterBytes, stopKind: 'truncate' });
      if (--s.truncateTimes === 0) s.truncateAfterBytes = null;
    }
    return plan.corruptAtOffset === null && plan.stopAfterBytes === null && plan.extraBytes === null ? null : plan;
  }

  private replace(next: FaultState): FaultState {
    this.state = next;
    const snapshot = this.get();
    this.pending = this.pending
      .then(() => Promise.all(this.appliers.map((apply) => apply(snapshot))))
      .then(
        () => undefined,
        () => undefined,
      );
    this.emit('change', snapshot);
    return this.get();
  }
}
