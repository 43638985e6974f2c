import {
  AuthError,
  ConfigError,
  TlsVerificationError,
  UnreachableError,
  isOrcaError,
  type OrcaError,
} from '../../core/errors.js';
import type { EnvironmentName } from '../../core/domain.js';
import { SERVER_CERT_EXPIRED, SERVER_CERT_UNTRUSTED, SERVER_NAME_MISMATCH } from '../tls-codes.js';

/**
 * Maps transport failures to the error hierarchy. Exit codes (docs/exit-codes.md): every failure to get an
 * answer — refused, timed out, reset, 5xx after retries, malformed or oversized answers — is exit 3 naming the
 * environment; a server certificate that fails verification (another CA, expired, wrong host name) is not an
 * outage but a possible interception: TlsVerificationError (exit 6, `TLS_VERIFICATION`), naming the trust
 * store that refused it, never retried. Only a refusal of *our* identity — 401/403, a client certificate the
 * server rejects or that cannot be loaded — is exit 4. Messages carry the environment, the URL without query,
 * and codes; never a header or the credentials.
 */
export interface RequestTarget {
  env: EnvironmentName;
  /** `scheme://host:port/path` without query or user info. */
  url: string;
  /** The configured CA file the server must chain to; absent: the default trusted CAs (messages say which). */
  caFile?: string;
}

/** TLS alerts a server sends when it rejects (or did not get) our client certificate. */
const CLIENT_CERT_ALERTS = [
  'ALERT_CERTIFICATE_REQUIRED',
  'ALERT_HANDSHAKE_FAILURE',
  'ALERT_BAD_CERTIFICATE',
  'ALERT_UNKNOWN_CA',
  'ALERT_CERTIFICATE_UNKNOWN',
  'ALERT_CERTIFICATE_EXPIRED',
  'ALERT_CERTIFICATE_REVOKED',
  'ALERT_ACCESS_DENIED',
  'ALERT_UNSUPPORTED_CERTIFICATE',
  'ALERT_DECRYPT_ERROR',
];
const REFUSED = new Set(['ECONNREFUSED']);
const DNS = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME']);
const TIMEOUT = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT']);
/** Transient network failures worth a retry on an idempotent call. */
const TRANSIENT = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ECONNABORTED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EHOSTDOWN',
  'ERR_STREAM_PREMATURE_CLOSE',
]);
/** HTTP statuses retried on an idempotent call. */
export const RETRY_STATUSES = new Set([408, 425, 429, 500, 502, 503, 504]);

export function errorCodeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** True when a fresh attempt of an idempotent request may succeed. */
export function isTransientError(error: unknown): boolean {
  const code = errorCodeOf(error);
  return code !== undefined && TRANSIENT.has(code);
}

function isClientCertAlert(code: string): boolean {
  return code.startsWith('ERR_SSL_') && CLIENT_CERT_ALERTS.some((alert) => code.endsWith(alert));
}

/** The error for a transport failure (no HTTP status). Already-typed errors pass through. */
export function mapTransportError(error: unknown, target: RequestTarget, attempts: number): OrcaError {
  if (isOrcaError(error)) return error;
  const code = errorCodeOf(error) ?? 'UNKNOWN';
  const params = { env: target.env, url: target.url, code, attempts };
  const cause = new Error(code);
  const tls = serverCertificateFailure(code, target);
  if (tls !== null) return new TlsVerificationError({ ...tls, params: { ...params, ...tls.params }, cause });
  if (isClientCertAlert(code))
    return new AuthError({
      key: 'http.tls.clientCertRefused',
      params,
      hintKey: 'http.tls.clientCertRefused.hint',
      cause,
    });
  if (REFUSED.has(code))
    return new UnreachableError({ key: 'http.refused', params, hintKey: 'http.unreachable.hint', cause });
  if (DNS.has(code))
    return new UnreachableError({ key: 'http.dnsFailed', params, hintKey: 'http.unreachable.hint', cause });
  if (TIMEOUT.has(code))
    return new UnreachableError({ key: 'http.timeout', params, hintKey: 'http.unreachable.hint', cause });
  return new UnreachableError({ key: 'http.connectionFailed', params, hintKey: 'http.unreachable.hint', cause });
}

/** The message of a server certificate that failed verification, by the trust store that refused it. */
function serverCertificateFailure(
  code: string,
  target: RequestTarget,
): { key: string; hintKey: string; params: { caFile: string } } | null {
  const store = target.caFile === undefined ? 'System' : 'CaFile';
  const params = { caFile: target.caFile ?? '-' };
  if (SERVER_CERT_UNTRUSTED.has(code))
    return { key: `http.tls.untrusted${store}`, hintKey: `http.tls.untrusted${store}.hint`, params };
  if (SERVER_CERT_EXPIRED.has(code))
    return { key: 'http.tls.serverExpired', hintKey: 'http.tls.serverExpired.hint', params };
  if (SERVER_NAME_MISMATCH.has(code))
    return { key: 'http.tls.serverNameMismatch', hintKey: `http.tls.untrusted${store}.hint`, params };
  return null;
}

/** The error for an HTTP status the caller did not accept. */
export function mapStatusError(
  status: number,
  target: RequestTarget,
  attempts: number,
  serverCode: string | null,
): OrcaError {
  const params = { env: target.env, url: target.url, status, attempts, serverCode: serverCode ?? '-' };
  if (status === 401 || status === 403) {
    return new AuthError({ key: 'http.authRefused', params, hintKey: 'http.authRefused.hint' });
  }
  if (status >= 500) return new UnreachableError({ key: 'http.serverError', params, hintKey: 'http.unreachable.hint' });
  return new UnreachableError({ key: 'http.unexpectedStatus', params, hintKey: 'http.unexpectedStatus.hint' });
}

export function malformedAnswer(target: RequestTarget, reason: string, details: string[] = []): OrcaError {
  return new UnreachableError({
    key: 'http.malformedAnswer',
    params: { env: target.env, url: target.url, reason },
    hintKey: 'http.malformedAnswer.hint',
    details,
  });
}

export function oversizedAnswer(target: RequestTarget, limit: number): OrcaError {
  return new UnreachableError({
    key: 'http.oversizedAnswer',
    params: { env: target.env, url: target.url, limit },
    hintKey: 'http.malformedAnswer.hint',
  });
}

export function unreadableFile(env: EnvironmentName, path: string, code: string): OrcaError {
  return new ConfigError({ key: 'http.fileUnreadable', params: { env, path, code } });
}

export function unusableClientCertificate(env: EnvironmentName, path: string): OrcaError {
  return new AuthError({
    key: 'http.tls.clientCertUnusable',
    params: { env, path },
    hintKey: 'http.tls.clientCertUnusable.hint',
  });
}
