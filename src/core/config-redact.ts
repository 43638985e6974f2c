import { SECRET_KEYS } from './config-schema.js';

/** What replaces a secret wherever configuration or arguments are shown, logged or journalled. */
export const REDACTED = '<redacted>';

const secretKeys = new Set<string>(SECRET_KEYS);
const secretOptionWords = ['key', 'password', 'passphrase', 'secret', 'token'];

/**
 * Returns a deep copy of `value` in which every field named in `SECRET_KEYS` (`apiKey`, `password`,
 * `passphrase`), at any depth and inside arrays, holds `<redacted>` instead of its value. Fields that are
 * absent or `undefined` stay absent; `…File` paths are not secrets and are kept. The input is not changed.
 */
export function redactConfig<T>(value: T): T {
  return redactValue(value) as T;
}

function redactValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactValue);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    out[key] = secretKeys.has(key) && child !== undefined ? REDACTED : redactValue(child);
  }
  return out;
}

/**
 * Returns a copy of a command-line argument list with the value of every secret-looking option replaced
 * by `<redacted>`: an option whose name contains key, password, passphrase, secret or token (any case,
 * any of `--api-key x`, `--api-key=x`, `--apiKey x`). The argument count and order are kept so the journal
 * still shows which options were given. The following argument is taken as the value unless it starts with
 * `--` (commander takes `--password -x` as a value too, so a leading single dash is no proof of an option).
 */
export function redactArgs(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      out.push(...argv.slice(i));
      break;
    }
    const match = /^(--?[^=]+)(=.*)?$/s.exec(arg);
    if (!match || !isSecretOption(match[1]!)) {
      out.push(arg);
      continue;
    }
    if (match[2] !== undefined) {
      out.push(`${match[1]!}=${REDACTED}`);
      continue;
    }
    out.push(arg);
    const next = argv[i + 1];
    if (next !== undefined && !next.startsWith('--')) {
      out.push(REDACTED);
      i++;
    }
  }
  return out;
}

function isSecretOption(name: string): boolean {
  if (/^--?no-/i.test(name)) return false;
  const lower = name.toLowerCase();
  return secretOptionWords.some((word) => lower.includes(word));
}
