import type { CredentialsConfig, EnvironmentName, OrcaConfig } from '../../core/config-schema.js';
import type { HttpClientOptions } from './client-factory.js';
import type { ClientCertificateSource } from './tls-material.js';

/**
 * HTTP client options for one environment from the validated config (secrets already resolved from their
 * `…File` fields by the loader). `target` picks the cloud control API (`url`) or the WebORCA API
 * (`orcaApiUrl`); both share the environment's credentials, CA and client certificate.
 */
export function httpOptionsFor(
  config: OrcaConfig,
  env: EnvironmentName,
  target: 'control' | 'orcaApi',
): HttpClientOptions {
  const envConfig = config.environments[env];
  const baseUrl = target === 'control' ? ('url' in envConfig ? envConfig.url : undefined) : envConfig.orcaApiUrl;
  if (baseUrl === undefined) throw new Error(`environment ${env} has no cloud control URL`);
  const requestMs = config.sync.requestTimeoutSeconds * 1000;
  return {
    env,
    baseUrl,
    ...credentialOptions(envConfig.credentials),
    insecure: envConfig.insecure,
    timeouts: { connectMs: Math.min(requestMs, 10_000), responseMs: requestMs, idleMs: requestMs },
    retry: { limit: 3, totalDeadlineMs: Math.min(config.sync.deadlineMinutes * 60_000, 5 * 60_000) },
  };
}

function credentialOptions(credentials: CredentialsConfig | undefined): Partial<HttpClientOptions> {
  if (!credentials) return {};
  return {
    user: credentials.user,
    apiKey: credentials.apiKey,
    caFile: credentials.caFile,
    clientCertificate: clientCertificateOf(credentials.clientCertificate),
  };
}

function clientCertificateOf(cert: CredentialsConfig['clientCertificate']): ClientCertificateSource | undefined {
  if (!cert) return undefined;
  if (cert.p12File) return { p12File: cert.p12File, passphrase: cert.passphrase };
  if (cert.certFile && cert.keyFile)
    return { certFile: cert.certFile, keyFile: cert.keyFile, passphrase: cert.passphrase };
  return undefined;
}
