/**
 * Ports: the interfaces core needs from the outside world (STYLE.md §4). Adapters implement them; a factory
 * in `src/adapters/factory.ts` builds the right one from config. Expected outcomes are result unions;
 * exceptional ones throw `OrcaError`s. Later capabilities (mode switching, diff copy, VM) extend these.
 */
import type { EnvironmentName, Mode, ReportedMode, Sequences } from './domain.js';

/** What `status` learns about one environment's WebORCA (public API) in one probe. */
export interface OrcaApiProbe {
  reportedMode: ReportedMode | string | null;
  version: string | null;
  institutionCode: string | null;
  institutionName: string | null;
}

/** A backup as a server or the local catalog describes it. */
export interface BackupInfo {
  id: string;
  createdAt: string;
  size: number;
  sha256: string;
}

/** Control of one environment: cloud control API or a direct database. */
export interface EnvironmentControl {
  readonly env: EnvironmentName;
  /** Reads the four 管理連番; throws UnreachableError/AuthError. */
  readSequences(signal?: AbortSignal): Promise<Sequences>;
  /** Raises counters to at least the given values; never lowers one. */
  bumpSequences(atLeast: Partial<Sequences>, requestId: string): Promise<{ before: Sequences; after: Sequences }>;
  /** The mode the environment reports (health or `X-Hybridmode`). */
  readMode(signal?: AbortSignal): Promise<ReportedMode | string | null>;
  pushMode(mode: Mode, reason: string, requestId: string): Promise<void>;
}

/** The WebORCA public API of one environment (`/api/api01rv2/…`). */
export interface OrcaApi {
  probe(signal?: AbortSignal): Promise<OrcaApiProbe>;
}

export interface Clock {
  now(): Date;
}

/** Identity of the person or task running a command, recorded in the journal and the lock. */
export interface Actor {
  user: string;
  host: string;
  pid: number;
}
