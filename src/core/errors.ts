/**
 * One error hierarchy with stable codes (STYLE.md §7). Core and adapters throw these; `main()` catches
 * them once, renders `key` through the message catalog and sets the process exit code from `exitCode`.
 * `message` stays a plain English-ish key dump for logs and tests; people read the catalog text.
 */
export const ExitCode = {
  ok: 0,
  unexpected: 1,
  usage: 2,
  unreachable: 3,
  auth: 4,
  refused: 5,
  verification: 6,
  locked: 7,
  partial: 8,
  cancelled: 130,
} as const;
export type ExitCodeName = keyof typeof ExitCode;

/** Values interpolated into a catalog message; never put a secret here. */
export type MessageParams = Record<string, string | number | boolean | null | undefined>;

export interface OrcaErrorInit {
  /** Catalog key of the message, e.g. `config.invalid`. */
  key: string;
  params?: MessageParams;
  /** Catalog key of the hint: what the user does next. */
  hintKey?: string;
  hintParams?: MessageParams;
  /** Extra lines shown under the message (already-rendered detail such as config problems). */
  details?: string[];
  cause?: unknown;
}

export abstract class OrcaError extends Error {
  abstract readonly exitCode: number;
  /** Stable machine code for `--json` error documents. */
  abstract readonly code: string;
  readonly key: string;
  readonly params: MessageParams;
  readonly hintKey: string | undefined;
  readonly hintParams: MessageParams;
  readonly details: string[];

  constructor(init: OrcaErrorInit) {
    super(`${init.key}${init.params ? ' ' + JSON.stringify(init.params) : ''}`, { cause: init.cause });
    this.name = new.target.name;
    this.key = init.key;
    this.params = init.params ?? {};
    this.hintKey = init.hintKey;
    this.hintParams = init.hintParams ?? init.params ?? {};
    this.details = init.details ?? [];
  }
}

export class UnexpectedError extends OrcaError {
  readonly exitCode = ExitCode.unexpected;
  readonly code = 'UNEXPECTED';
}
export class UsageError extends OrcaError {
  readonly exitCode = ExitCode.usage;
  readonly code = 'USAGE';
}
export class ConfigError extends OrcaError {
  readonly exitCode = ExitCode.usage;
  readonly code = 'CONFIG';
}
export class UnreachableError extends OrcaError {
  readonly exitCode = ExitCode.unreachable;
  readonly code = 'UNREACHABLE';
}
export class AuthError extends OrcaError {
  readonly exitCode = ExitCode.auth;
  readonly code = 'AUTH';
}
export class GuardError extends OrcaError {
  readonly exitCode = ExitCode.refused;
  readonly code = 'REFUSED';
}
export class VerificationError extends OrcaError {
  readonly exitCode = ExitCode.verification;
  readonly code = 'VERIFICATION';
}
/**
 * A server's TLS certificate failed verification (another CA, expired, wrong host name): not an outage but a
 * possible interception or a wrong CA, so exit 6 with a code of its own, never retried (docs/security.md).
 */
export class TlsVerificationError extends OrcaError {
  readonly exitCode = ExitCode.verification;
  readonly code = 'TLS_VERIFICATION';
}
export class LockedError extends OrcaError {
  readonly exitCode = ExitCode.locked;
  readonly code = 'LOCKED';
}
export class PartialError extends OrcaError {
  readonly exitCode = ExitCode.partial;
  readonly code = 'PARTIAL';
}
export class CancelledError extends OrcaError {
  readonly exitCode = ExitCode.cancelled;
  readonly code = 'CANCELLED';
}

export function isOrcaError(value: unknown): value is OrcaError {
  return value instanceof OrcaError;
}
