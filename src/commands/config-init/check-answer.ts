import { statSync } from 'node:fs';
import type { MessageParams } from '../../core/errors.js';
import { resolveSettingPath } from '../../adapters/config/secret-files.js';
import type { Question } from './questions.js';

/** A checked answer: the value to store (`undefined` = leave the setting out), or why it was refused. */
export type CheckedAnswer = { ok: true; value: unknown } | { ok: false; key: string; params?: MessageParams };

const refuse = (key: string, params?: MessageParams): CheckedAnswer => ({ ok: false, key, params });

/**
 * Checks one answer by its question's rules, the same for the wizard (strings typed by a person) and for
 * `--from-json` (typed JSON values). Paths are resolved against `baseDir` and stored absolute, so the
 * written file does not depend on the folder it is later read from.
 */
export function checkAnswer(question: Question, input: unknown, baseDir: string): CheckedAnswer {
  if (question.kind === 'confirm')
    return typeof input === 'boolean' ? { ok: true, value: input } : refuse('config.check.boolean');
  if (question.kind === 'number') return checkNumber(question, input);
  if (typeof input !== 'string') return refuse('config.check.text');
  if (question.kind === 'secret') return { ok: true, value: input === '' ? undefined : input };
  const text = input.trim();
  if (text === '') return question.optional ? { ok: true, value: undefined } : refuse('config.check.required');
  switch (question.kind) {
    case 'choice': {
      const values = (question.choices ?? []).map((c) => c.value);
      return values.includes(text)
        ? { ok: true, value: text }
        : refuse('config.check.choice', { choices: values.join(', ') });
    }
    case 'url':
    case 'httpsUrl':
      return checkUrl(text, question.kind === 'httpsUrl');
    case 'file':
    case 'folder':
      return checkPath(text, question.kind, baseDir);
    default:
      if (question.pattern && !question.pattern.regex.test(text)) return refuse(question.pattern.problemKey);
      return { ok: true, value: text };
  }
}

function checkNumber(question: Question, input: unknown): CheckedAnswer {
  const text = typeof input === 'string' ? input.trim() : undefined;
  if (text === '' && question.optional) return { ok: true, value: undefined };
  const value =
    typeof input === 'number' ? input : text !== undefined && /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : NaN;
  const min = question.min ?? Number.MIN_SAFE_INTEGER;
  const max = question.max ?? Number.MAX_SAFE_INTEGER;
  if (!Number.isFinite(value) || (!question.fraction && !Number.isInteger(value))) {
    return refuse(question.fraction ? 'config.check.number' : 'config.check.integer', { min, max });
  }
  return value < min || value > max ? refuse('config.check.range', { min, max }) : { ok: true, value };
}

function checkUrl(text: string, httpsOnly: boolean): CheckedAnswer {
  const key = httpsOnly ? 'config.check.httpsUrl' : 'config.check.httpUrl';
  try {
    const url = new URL(text);
    const allowed = httpsOnly ? ['https:'] : ['https:', 'http:'];
    if (!allowed.includes(url.protocol)) return refuse(key);
    if (url.username !== '' || url.password !== '') return refuse('config.check.urlCredentials');
    return { ok: true, value: text };
  } catch {
    return refuse(key);
  }
}

function checkPath(text: string, kind: 'file' | 'folder', baseDir: string): CheckedAnswer {
  const path = resolveSettingPath(text, baseDir);
  let info;
  try {
    info = statSync(path);
  } catch {
    return kind === 'file' ? refuse('config.check.fileMissing', { file: path }) : { ok: true, value: path };
  }
  if (kind === 'file' && !info.isFile()) return refuse('config.check.notFile', { file: path });
  if (kind === 'folder' && !info.isDirectory()) return refuse('config.check.notFolder', { folder: path });
  return { ok: true, value: path };
}
