import type { Readable } from 'node:stream';
import type { ZodType } from 'zod';
import { malformedAnswer, oversizedAnswer, type RequestTarget } from './http-errors.js';

/** Reads a whole body, refusing (and destroying the stream) once it passes `limit` bytes. */
export async function readLimited(
  stream: Readable,
  declaredLength: string | undefined,
  limit: number,
  target: RequestTarget,
): Promise<Buffer> {
  const declared = declaredLength === undefined ? NaN : Number(declaredLength);
  if (Number.isFinite(declared) && declared > limit) {
    stream.destroy();
    throw oversizedAnswer(target, limit);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > limit) {
      stream.destroy();
      throw oversizedAnswer(target, limit);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}

/** Parses JSON without trusting it: a parse failure is a malformed answer (exit 3), never a crash. */
export function parseJson(raw: Buffer, target: RequestTarget): unknown {
  if (raw.length === 0) return null;
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    throw malformedAnswer(target, 'not JSON');
  }
}

/** Validates an answer with its zod schema; the details name the failing fields, never their values. */
export function validateAnswer<T>(schema: ZodType<T>, value: unknown, target: RequestTarget): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`);
  throw malformedAnswer(target, 'unexpected shape', details);
}

/** The contract's error body `{ error: { code, message } }`, reduced to a safe code; null when absent. */
export function serverErrorCode(value: unknown): string | null {
  const code = (value as { error?: { code?: unknown } } | null)?.error?.code;
  return typeof code === 'string' && /^[A-Za-z0-9_.-]{1,64}$/.test(code) ? code : null;
}

/** Parses `Content-Range: bytes start-end/total` (total may be `*`). */
export function parseContentRange(
  value: string | undefined,
): { start: number; end: number; total: number | null } | null {
  const match = value === undefined ? null : /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(value.trim());
  if (!match) return null;
  const [start, end] = [Number(match[1]), Number(match[2])];
  const total = match[3] === '*' ? null : Number(match[3]);
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || end < start) return null;
  if (total !== null && (!Number.isSafeInteger(total) || end >= total)) return null;
  return { start, end, total };
}
