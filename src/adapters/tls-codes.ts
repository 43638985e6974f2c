/**
 * Node's error codes for a server certificate that failed verification, shared by the HTTP client and the
 * PostgreSQL connection: such a failure is TlsVerificationError (exit 6), never an outage (docs/security.md).
 */
export const SERVER_CERT_UNTRUSTED = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'CERT_REJECTED',
  'INVALID_CA',
  'CERT_REVOKED',
  'UNABLE_TO_DECRYPT_CERT_SIGNATURE',
  'PATH_LENGTH_EXCEEDED',
  'INVALID_PURPOSE',
  'CERT_CHAIN_TOO_LONG',
]);
export const SERVER_CERT_EXPIRED = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);
export const SERVER_NAME_MISMATCH = new Set(['ERR_TLS_CERT_ALTNAME_INVALID', 'HOSTNAME_MISMATCH']);

/** True for any failed verification of a server's certificate (chain, validity, host name). */
export function isServerCertificateFailure(code: string): boolean {
  return SERVER_CERT_UNTRUSTED.has(code) || SERVER_CERT_EXPIRED.has(code) || SERVER_NAME_MISMATCH.has(code);
}
