import { readFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import {
  checkServerIdentity,
  createSecureContext,
  rootCertificates,
  type PeerCertificate,
  type SecureContext,
} from 'node:tls';
import type { OrcaError } from '../../core/errors.js';
import type { EnvironmentName } from '../../core/domain.js';
import { errorCodeOf, unreadableFile, unusableClientCertificate } from './http-errors.js';

/** A client certificate: WebORCA cloud's PKCS#12 bundle, or a PEM certificate + (possibly encrypted) key. */
export type ClientCertificateSource =
  { p12File: string; passphrase?: string } | { certFile: string; keyFile: string; passphrase?: string };

/**
 * What every TLS connection of a client uses: one secure context built once (CA, client certificate and key
 * parsed a single time, not at every handshake), and the extra server check of a PKCS#12 bundle.
 */
export interface TlsMaterial {
  /** Absent when nothing is configured: Node's default context (its bundled CAs). */
  secureContext?: SecureContext;
  checkServerIdentity?: (host: string, cert: PeerCertificate) => Error | undefined;
}

function readOrThrow(env: EnvironmentName, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw unreadableFile(env, path, errorCodeOf(error) ?? 'EIO');
  }
}

/**
 * Certificates and keys read and checked once per owner — the adapter factory of one command run, whose
 * control-API and WebORCA-API clients of an environment use the same files. A wrong passphrase or a damaged
 * `.p12` is reported as AuthError naming the file (not later as an obscure handshake error), and every
 * request of a client reports that same typed error.
 */
export class TlsMaterialCache {
  private readonly readers = new Map<string, () => TlsMaterial>();

  reader(env: EnvironmentName, caFile?: string, cert?: ClientCertificateSource): () => TlsMaterial {
    const key = JSON.stringify([env, caFile ?? null, cert ?? null]);
    let read = this.readers.get(key);
    if (!read) {
      read = lazyTlsMaterial(() => readTlsMaterial(env, caFile, cert));
      this.readers.set(key, read);
    }
    return read;
  }
}

function readTlsMaterial(env: EnvironmentName, caFile?: string, cert?: ClientCertificateSource): TlsMaterial {
  const ca = caFile ? readOrThrow(env, caFile) : undefined;
  if (!ca && !cert) return {};
  // Only the fields that are set (node's TLS layer refuses `checkServerIdentity: undefined`).
  const material: TlsMaterial = {};
  const files: { pfx?: Buffer; cert?: Buffer; key?: Buffer } = {};
  if (cert && 'p12File' in cert) {
    files.pfx = readOrThrow(env, cert.p12File);
    // Node adds a PKCS#12 bundle's CA certificates to the trusted roots: a server certificate from the
    // bundle's CA would pass — and receive the API key — whether or not `caFile` is set. The bundle's CA
    // vouches for us, never for the server: the chain is pinned to `caFile`, or to the default trust store.
    material.checkServerIdentity = pinnedToCa(() => (ca ? [ca.toString('utf8')] : defaultTrustStore()));
  } else if (cert) {
    files.cert = readOrThrow(env, cert.certFile);
    files.key = readOrThrow(env, cert.keyFile);
  }
  try {
    // With `ca` the context trusts exactly those certificates (Node's bundled CAs are left out).
    material.secureContext = createSecureContext({ ca, ...files, passphrase: cert?.passphrase });
  } catch {
    // Which file was it? The certificate alone tells (a wrong passphrase is the usual cause).
    if (cert && !contextBuilds({ ...files, passphrase: cert.passphrase }))
      throw unusableClientCertificate(env, 'p12File' in cert ? cert.p12File : cert.keyFile);
    throw unreadableFile(env, caFile ?? '', 'EINVAL');
  }
  return material;
}

function contextBuilds(options: Parameters<typeof createSecureContext>[0]): boolean {
  try {
    createSecureContext(options);
    return true;
  } catch {
    return false;
  }
}

/** Memoizes a read including its failure. */
function lazyTlsMaterial(load: () => TlsMaterial): () => TlsMaterial {
  let result: { ok: true; value: TlsMaterial } | { ok: false; error: OrcaError } | undefined;
  return () => {
    if (!result) {
      try {
        result = { ok: true, value: load() };
      } catch (error) {
        result = { ok: false, error: error as OrcaError };
      }
    }
    if (!result.ok) throw result.error;
    return result.value;
  };
}

/**
 * The CAs Node.js trusts when no CA is given: its bundled list (Mozilla's) and `NODE_EXTRA_CA_CERTS`, which
 * Node reads at start-up (docs/security.md).
 */
function defaultTrustStore(): string[] {
  const extra = process.env.NODE_EXTRA_CA_CERTS;
  if (!extra) return [...rootCertificates];
  try {
    return [...rootCertificates, readFileSync(extra, 'utf8')];
  } catch {
    return [...rootCertificates];
  }
}

/**
 * A `checkServerIdentity` that, after the usual host-name check, accepts the server only when some
 * certificate of its verified chain is one of the `trusted` PEM certificates (compared by SHA-256
 * fingerprint; the list is read at the first handshake).
 */
function pinnedToCa(trusted: () => string[]): (host: string, cert: PeerCertificate) => Error | undefined {
  let fingerprints: Set<string> | null = null;
  return (host, cert) => {
    const hostError = checkServerIdentity(host, cert);
    if (hostError) return hostError;
    fingerprints ??= new Set(trusted().flatMap(pemBlocks).flatMap(fingerprintOf));
    const seen = new Set<string>();
    for (
      let c: PeerCertificate | undefined = cert;
      c && !seen.has(c.fingerprint256);
      c = (c as { issuerCertificate?: PeerCertificate }).issuerCertificate
    ) {
      if (fingerprints.has(c.fingerprint256)) return undefined;
      seen.add(c.fingerprint256);
    }
    return Object.assign(new Error('the server certificate does not chain to a trusted CA'), {
      code: 'CERT_UNTRUSTED',
    });
  };
}

function fingerprintOf(pem: string): string[] {
  try {
    return [new X509Certificate(pem).fingerprint256];
  } catch {
    return []; // an unreadable block trusts nothing
  }
}

function pemBlocks(text: string): string[] {
  return text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
}
