import { REDACTED, redactArgs, redactConfig } from '../../src/core/config-redact.js';

describe('redactConfig', () => {
  test('replaces every secret field at any depth and keeps everything else', () => {
    const input = {
      environments: {
        operating: {
          credentials: {
            user: 'ormaster',
            apiKey: 'SECRET-K1',
            apiKeyFile: '/etc/k',
            clientCertificate: { p12File: '/c.p12', passphrase: 'SECRET-P1' },
          },
        },
        localEmergency: { database: { password: 'SECRET-P2', host: 'h' } },
      },
      list: [{ password: 'SECRET-P3' }],
      absent: { apiKey: undefined },
    };
    const out = redactConfig(input);
    expect(out.environments.operating.credentials).toEqual({
      user: 'ormaster',
      apiKey: REDACTED,
      apiKeyFile: '/etc/k',
      clientCertificate: { p12File: '/c.p12', passphrase: REDACTED },
    });
    expect(out.environments.localEmergency.database).toEqual({ password: REDACTED, host: 'h' });
    expect(out.list).toEqual([{ password: REDACTED }]);
    expect(out.absent.apiKey).toBeUndefined();
    expect(JSON.stringify(out)).not.toMatch(/SECRET/);
    expect(input.environments.operating.credentials.apiKey).toBe('SECRET-K1');
  });

  test('redacts empty and non-string secret values too', () => {
    expect(redactConfig({ password: '', apiKey: 12345 })).toEqual({ password: REDACTED, apiKey: REDACTED });
  });
});

describe('redactArgs', () => {
  test('removes values of secret-looking options in both forms', () => {
    expect(
      redactArgs([
        'backup',
        '--password',
        's1',
        '--api-key=s2',
        '--apiKey',
        's3',
        '--db-passphrase=s4',
        '--token',
        's5',
        '--client-secret',
        's6',
        '--env',
        'operating',
      ]),
    ).toEqual([
      'backup',
      '--password',
      REDACTED,
      `--api-key=${REDACTED}`,
      '--apiKey',
      REDACTED,
      `--db-passphrase=${REDACTED}`,
      '--token',
      REDACTED,
      '--client-secret',
      REDACTED,
      '--env',
      'operating',
    ]);
  });

  test('a value starting with a single dash is still taken; a following long option is not', () => {
    expect(redactArgs(['--password', '-abc', '--json'])).toEqual(['--password', REDACTED, '--json']);
    expect(redactArgs(['--password', '--json'])).toEqual(['--password', '--json']);
    expect(redactArgs(['--password'])).toEqual(['--password']);
  });

  test('leaves other options, negations and everything after -- alone', () => {
    expect(redactArgs(['--no-password', 'x', '--config', 'a.yaml', '--', '--password', 'literal'])).toEqual([
      '--no-password',
      'x',
      '--config',
      'a.yaml',
      '--',
      '--password',
      'literal',
    ]);
  });
});
