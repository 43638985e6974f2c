import { describe, expect, it } from '@jest/globals';
import { validateComponent, validateRequest, validateResponse } from '../helpers/openapi.js';

const sha = 'a'.repeat(64);

describe('docs/openapi.yaml helper', () => {
  it('accepts a valid health answer and rejects extra or missing fields', () => {
    const body = {
      mode: 'normal',
      role: 'operating',
      version: '050200-1',
      institutionCode: '1312345678',
      institutionName: 'テスト医院',
      time: new Date().toISOString(),
    };
    expect(
      validateResponse('GET', '/hybrid/v1/health', 200, body, {
        'x-hybridmode': 'normal',
        'content-type': 'application/json; charset=utf-8',
      }),
    ).toEqual([]);
    expect(validateResponse('GET', '/hybrid/v1/health', 200, { ...body, extra: 1 })).not.toEqual([]);
    expect(validateResponse('GET', '/hybrid/v1/health', 200, body, { 'content-type': 'application/json' })).toEqual([
      expect.stringContaining('X-Hybridmode'),
    ]);
    expect(validateResponse('GET', '/hybrid/v1/health', 418, body)).not.toEqual([]);
  });
  it('checks path parameters and bodies of requests', () => {
    expect(validateRequest('GET', '/hybrid/v1/backups/good-id.1/content')).toEqual([]);
    expect(validateRequest('GET', '/hybrid/v1/backups/..%2Fetc/content')).not.toEqual([]);
    expect(validateRequest('POST', '/hybrid/v1/restore', { backupId: 'x', requestId: '12345678' })).toEqual([]);
    expect(validateRequest('POST', '/hybrid/v1/restore', { backupId: 'x' })).not.toEqual([]);
    expect(validateRequest('POST', '/hybrid/v1/sequences/bump', { atLeast: {}, requestId: '12345678' })).not.toEqual(
      [],
    );
  });
  it('validates components and error bodies', () => {
    expect(
      validateComponent('Backup', {
        id: 'a',
        createdAt: '2026-01-01T00:00:00Z',
        size: 1,
        sha256: sha,
        format: 'pg_dump-custom',
      }),
    ).toEqual([]);
    expect(
      validateComponent('Backup', { id: 'a', createdAt: 'yesterday', size: 1, sha256: sha, format: 'pg_dump-custom' }),
    ).not.toEqual([]);
    expect(
      validateResponse('GET', '/hybrid/v1/backups/x/content', 404, { error: { code: 'NOT_FOUND', message: 'no' } }),
    ).toEqual([]);
    expect(
      validateResponse('HEAD', '/hybrid/v1/backups/x/content', 200, undefined, {
        'x-hybridmode': 'normal-fa',
        'content-length': '10',
        etag: `"${sha}"`,
        'accept-ranges': 'bytes',
        'x-content-sha256': sha,
      }),
    ).toEqual([]);
  });
});
