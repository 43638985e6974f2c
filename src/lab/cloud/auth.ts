/** Basic auth for the lab servers: user and API key (or password) compared in constant time. */
import { createHash, timingSafeEqual } from 'node:crypto';
import { parseBasicAuth } from './http-util.js';

export interface BasicCredentials {
  user: string;
  /** The API key (cloud) or the operator's password (on-premises WebORCA). */
  password: string;
}

// Hashing first gives equal-length buffers, so the comparison time does not depend on where they differ.
function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
}

/** True when the `Authorization` header carries exactly these credentials. */
export function isAuthorized(header: string | undefined, expected: BasicCredentials): boolean {
  const given = parseBasicAuth(header);
  if (!given) return false;
  // Both comparisons always run: no early exit that would tell which part was wrong.
  const userOk = sameSecret(given.user, expected.user);
  const passwordOk = sameSecret(given.password, expected.password);
  return userOk && passwordOk;
}
