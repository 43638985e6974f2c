import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createSecureContext } from 'node:tls';
import forge from 'node-forge';
import type { OrcaError } from '../../core/errors.js';
import type { EnvironmentName } from '../../core/domain.js';
import { errorCodeOf, unreadableFile, unusableClientCertificate } from './http-errors.js';

/** A client certificate: WebORCA cloud's PKCS#12 bundle, or a PEM certificate + (possibly encrypted) key. */
export type ClientCertificateSource =
  | { p12File: string; passphrase?: string }
  | { certFile: string; keyFile: string; passphrase?: string };

/** Certificates and keys as node's TLS options take them (got's `https` option names). */
export interface TlsMaterial {
  certificateAuthority?: Buffer;
  pfx?: Buffer;
  certificate?: Buffer;
  key?: Buffer;
  passphrase?: string;
}

function readOrThrow(env: EnvironmentName, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw unreadableFile(env, path, errorCodeOf(error) ?? 'EIO');
  }
}

/**
 * Reads the CA file and client certificate once and checks that node can use them (a wrong passphrase or a
 * damaged `.p12` is reported here as AuthError naming the file, not later as an obscure handshake error).
 */
export function loadTlsMaterial(env: EnvironmentName, caFile?: string, cert?: ClientCertificateSource): TlsMaterial {
  const material: TlsMaterial = {};
  if (caFile) material.certificateAuthority = readOrThrow(env, caFile);
  if (!cert) return material;
  if ('p12File' in cert) {
    // Not handed to node as `pfx`: node would add the bundle's CA certificates to the trusted roots, so a
    // server certificate from the bundle's CA would pass even when `caFile` names another CA.
    const unpacked = unpackP12(readOrThrow(env, cert.p12File), cert.passphrase ?? '');
    if (!unpacked) throw unusableClientCertificate(env, cert.p12File);
    material.certificate = unpacked.certificate;
    material.key = unpacked.key;
    return material;
  } else {
    material.certificate = readOrThrow(env, cert.certFile);
    material.key = readOrThrow(env, cert.keyFile);
  }
  if (cert.passphrase !== undefined) material.passphrase = cert.passphrase;
  try {
    createSecureContext({ pfx: material.pfx, cert: material.certificate, key: material.key, passphrase: material.passphrase });
  } catch {
    throw unusableClientCertificate(env, cert.keyFile);
  }
  return material;
}

/** Memoizes `loadTlsMaterial` including its failure, so every request reports the same typed error. */
export function lazyTlsMaterial(load: () => TlsMaterial): () => TlsMaterial {
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
 * The client key and certificate chain (leaf first, then the bundle's other certificates, sent as the
 * chain) of a PKCS#12 bundle; null for a wrong passphrase or a damaged file.
 */
export function unpackP12(der: Buffer, passphrase: string): { certificate: Buffer; key: Buffer } | null {
  // forge decrypts in pure JS (~50–90 ms); every client of one run uses the same bundle.
  const cacheKey = `${createHash('sha256').update(der).digest('hex')}:${createHash('sha256').update(passphrase).digest('hex')}`;
  if (!unpacked.has(cacheKey)) unpacked.set(cacheKey, decodeP12(der, passphrase));
  return unpacked.get(cacheKey) ?? null;
}

const unpacked = new Map<string, { certificate: Buffer; key: Buffer } | null>();

function decodeP12(der: Buffer, passphrase: string): { certificate: Buffer; key: Buffer } | null {
  try {
    const p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(der.toString('binary')), passphrase);
    const bags = (type: string) => p12.getBags({ bagType: type })[type] ?? [];
    const keyBag = [...bags(forge.pki.oids.pkcs8ShroudedKeyBag!), ...bags(forge.pki.oids.keyBag!)][0];
    const certs = bags(forge.pki.oids.certBag!)
      .map((bag) => bag.cert)
      .filter((c): c is forge.pki.Certificate => c !== undefined);
    if (!keyBag?.key || certs.length === 0) return null;
    const key = keyBag.key as forge.pki.rsa.PrivateKey;
    const publicPem = forge.pki.publicKeyToPem(forge.pki.setRsaPublicKey(key.n, key.e));
    const leafIndex = Math.max(0, certs.findIndex((c) => forge.pki.publicKeyToPem(c.publicKey) === publicPem));
    const ordered = [certs[leafIndex]!, ...certs.filter((_, i) => i !== leafIndex)];
    return {
      certificate: Buffer.from(ordered.map((c) => forge.pki.certificateToPem(c)).join('')),
      key: Buffer.from(forge.pki.privateKeyToPem(key)),
    };
  } catch {
    return null;
  }
}
