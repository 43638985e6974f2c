/**
 * Connections to a directly reached PostgreSQL database (on-premises operating server, local emergency VM).
 * The password comes from the config (never argv, never an error); TLS follows `sslmode`; failures become
 * UnreachableError (exit 3) or AuthError (exit 4) naming the environment.
 */
import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import './pg-runtime.js';
import pg from 'pg';
import type { DatabaseConfig } from '../../core/config-schema.js';
import {
  AuthError,
  CancelledError,
  ConfigError,
  isOrcaError,
  OrcaError,
  TlsVerificationError,
  UnexpectedError,
  UnreachableError,
} from '../../core/errors.js';
import { isServerCertificateFailure } from '../tls-codes.js';

export type PgClient = pg.Client;

export interface ConnectOptions {
  /** Environment name used in messages (e.g. `localEmergency`); defaults to `host:port/database`. */
  env?: string;
  /** Connect to another database of the same server (e.g. `postgres` to create or rename databases). */
  database?: string;
  connectTimeoutMs?: number;
  /** Server-side limit for each statement; none by default. */
  statementTimeoutMs?: number;
  /** Aborting closes the connection. */
  signal?: AbortSignal;
}

const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'ECONNRESET',
  'EAI_AGAIN',
  'EPIPE',
]);
const AUTH_CODES = new Set(['28P01', '28000']);

/** Opens a connected client; the caller ends it (`await client.end()`). */
export async function connectDatabase(db: DatabaseConfig, opts: ConnectOptions = {}): Promise<PgClient> {
  const database = opts.database ?? db.database;
  const env = opts.env ?? `${db.host}:${db.port}/${database}`;
  const client = new pg.Client({
    host: db.host,
    port: db.port,
    database,
    user: db.user,
    // Unset: pg falls back to PGPASSWORD and ~/.pgpass, as libpq does.
    password: db.password,
    ssl: sslOptionsFor(db, env),
    connectionTimeoutMillis: opts.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    statement_timeout: opts.statementTimeoutMs,
    application_name: 'orca-hybrid',
  });
  // A dropped idle connection emits 'error'; without a listener Node would crash the process.
  client.on('error', () => undefined);
  const abort = (): void => void client.end().catch(() => undefined);
  opts.signal?.addEventListener('abort', abort, { once: true });
  try {
    await client.connect();
    return client;
  } catch (error) {
    await client.end().catch(() => undefined);
    if (opts.signal?.aborted) throw new CancelledError({ key: 'error.cancelled', cause: error });
    throw mapPgError(error, { env, host: db.host, port: db.port, user: db.user, caFile: db.caFile });
  } finally {
    opts.signal?.removeEventListener('abort', abort);
  }
}

function sslOptionsFor(db: DatabaseConfig, env: string): false | ConnectionOptions {
  if (db.sslmode === 'disable') return false;
  const ca = db.caFile === undefined ? undefined : readCa(db.caFile, env);
  if (db.sslmode === 'verify-full')
    return { rejectUnauthorized: true, ca, servername: isIp(db.host) ? undefined : db.host };
  // `require` as in libpq: encrypted; with a CA file the chain is verified (verify-ca), the host name is not.
  if (ca === undefined) return { rejectUnauthorized: false };
  return { rejectUnauthorized: true, ca, checkServerIdentity: () => undefined };
}

function readCa(file: string, env: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError({
      key: 'postgres.caUnreadable',
      params: { env, file },
      hintKey: 'postgres.caUnreadable.hint',
      cause: error,
    });
  }
}

function isIp(host: string): boolean {
  return /^[\d.]+$/.test(host) || host.includes(':');
}

export interface PgErrorContext {
  env: string;
  host: string;
  port: number;
  user: string;
  /** `database.caFile`: the trust store a certificate failure names (absent: the default one). */
  caFile?: string;
}

/** Maps a pg or socket error to the typed hierarchy; the message of a server error carries no password. */
export function mapPgError(error: unknown, ctx: PgErrorContext): OrcaError {
  if (error instanceof OrcaError) return error;
  const code = typeof (error as { code?: unknown })?.code === 'string' ? (error as { code: string }).code : '';
  const message = error instanceof Error ? error.message : String(error);
  if (AUTH_CODES.has(code) || /^SASL: .*password/.test(message)) {
    return new AuthError({
      key: 'postgres.authFailed',
      params: { env: ctx.env, user: ctx.user },
      hintKey: 'postgres.authFailed.hint',
      cause: error,
    });
  }
  if (isServerCertificateFailure(code)) {
    // Another CA, expired, another host name: a possible interception, never an outage (docs/security.md).
    const store = ctx.caFile === undefined ? 'System' : 'CaFile';
    return new TlsVerificationError({
      key: `postgres.tls.untrusted${store}`,
      params: { env: ctx.env, code, reason: firstLine(message), caFile: ctx.caFile ?? '-' },
      hintKey: `postgres.tls.untrusted${store}.hint`,
      cause: error,
    });
  }
  if (/SSL|TLS|certificate|CERT_|self.signed/i.test(code + ' ' + message)) {
    return new UnreachableError({
      key: 'postgres.tls',
      params: { env: ctx.env, reason: firstLine(message) },
      hintKey: 'postgres.tls.hint',
      cause: error,
    });
  }
  const reason = NETWORK_CODES.has(code) ? code : /timeout|terminated/i.test(message) ? 'timeout' : firstLine(message);
  return new UnreachableError({
    key: 'postgres.unreachable',
    params: { env: ctx.env, host: ctx.host, port: ctx.port, reason },
    hintKey: 'postgres.unreachable.hint',
    cause: error,
  });
}

function firstLine(text: string): string {
  return (text.split('\n')[0] ?? '').slice(0, 200);
}

/** Runs `fn` inside BEGIN … COMMIT; rolls back and rethrows on any error. */
export async function withTransaction<T>(client: PgClient, fn: (client: PgClient) => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** Maps an error of a query on an open connection: a lost connection or timeout is exit 3, the rest exit 1. */
export function mapQueryError(error: unknown, env: string): OrcaError {
  if (error instanceof OrcaError) return error;
  const code = typeof (error as { code?: unknown })?.code === 'string' ? (error as { code: string }).code : '';
  const message = error instanceof Error ? error.message : String(error);
  const params = { env, reason: firstLine(message) };
  const lost =
    NETWORK_CODES.has(code) ||
    code === '57014' ||
    code.startsWith('08') ||
    code === '57P01' ||
    /Connection terminated|not queryable|timeout/i.test(message);
  if (lost)
    return new UnreachableError({
      key: 'postgres.queryFailed',
      params,
      hintKey: 'postgres.queryFailed.hint',
      cause: error,
    });
  return new UnexpectedError({
    key: 'postgres.queryFailed',
    params,
    hintKey: 'postgres.queryFailed.hint',
    cause: error,
  });
}

/** Connects to a maintenance database of the target's server (`postgres`, else `template1`). */
export async function connectMaintenance(db: DatabaseConfig, env: string, signal?: AbortSignal): Promise<PgClient> {
  try {
    return await connectDatabase(db, { database: 'postgres', env, signal });
  } catch (error) {
    if (!isOrcaError(error) || error.key !== 'postgres.unreachable') throw error;
    return connectDatabase(db, { database: 'template1', env, signal });
  }
}
