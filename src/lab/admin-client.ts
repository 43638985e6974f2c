/**
 * Calls the lab daemon's admin listeners (fault knobs, mode, nightly). Plain HTTP on 127.0.0.1 with a
 * bearer token from `secrets/`; part of the lab, not of the product's contract.
 */
import { request } from 'node:http';
import { UnexpectedError } from '../core/errors.js';

export async function adminRequest(
  adminUrl: string,
  token: string,
  method: 'GET' | 'PUT' | 'DELETE' | 'POST',
  target: string,
  what: 'faults' | 'mode' | 'nightly',
  body?: unknown,
): Promise<unknown> {
  const url = new URL(`/admin/v1/${target}/${what}`, adminUrl);
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}),
        },
        timeout: 600_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if ((res.statusCode ?? 500) >= 300) {
            reject(
              new UnexpectedError({
                key: 'lab.adminFailed',
                params: { status: res.statusCode ?? 0, message: text.slice(0, 300) },
              }),
            );
            return;
          }
          try {
            resolve(text ? JSON.parse(text) : null);
          } catch {
            resolve(text);
          }
        });
      },
    );
    req.on('error', (error) =>
      reject(new UnexpectedError({ key: 'lab.adminUnreachable', params: { url: url.origin }, cause: error })),
    );
    req.end(payload);
  });
}
