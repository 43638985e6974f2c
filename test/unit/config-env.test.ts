import { ENV_ALIASES, envNameToPath, readEnvOverrides } from '../../src/adapters/config/env-overrides.js';
import { describeSetting } from '../../src/adapters/config/schema-shape.js';
import { findSecretConflicts, mergeLayers } from '../../src/adapters/config/tree.js';

describe('environment variable rule', () => {
  test('double underscore separates segments, SCREAMING_SNAKE becomes camelCase', () => {
    expect(envNameToPath('ORCA_HYBRID_ENVIRONMENTS__OPERATING__CREDENTIALS__API_KEY')).toEqual([
      'environments',
      'operating',
      'credentials',
      'apiKey',
    ]);
    expect(
      envNameToPath('ORCA_HYBRID_ENVIRONMENTS__CLOUD_EMERGENCY__CREDENTIALS__CLIENT_CERTIFICATE__P12_FILE'),
    ).toEqual(['environments', 'cloudEmergency', 'credentials', 'clientCertificate', 'p12File']);
    expect(envNameToPath('ORCA_HYBRID_STATE_DIR')).toEqual(['stateDir']);
  });

  test('every alias names a real setting', () => {
    for (const path of Object.values(ENV_ALIASES))
      expect([path.join('.'), describeSetting(path)]).toEqual([path.join('.'), 'string']);
  });

  test('coerces numbers and booleans only where the schema expects them', () => {
    const result = readEnvOverrides({
      ORCA_HYBRID_BACKUP__RETENTION: '12',
      ORCA_HYBRID_ENVIRONMENTS__OPERATING__INSECURE: 'true',
      ORCA_HYBRID_ENVIRONMENTS__LOCAL_EMERGENCY__DATABASE__PORT: '5433',
      ORCA_HYBRID_ENVIRONMENTS__LOCAL_EMERGENCY__DATABASE__PASSWORD: '0123',
      ORCA_HYBRID_CLINIC__INSTITUTION_CODE: '0123456789',
      ORCA_HYBRID_SYNC__DEADLINE_MINUTES: 'soon',
    });
    expect(result.problems).toEqual([]);
    expect(result.layer).toEqual({
      backup: { retention: 12 },
      environments: { operating: { insecure: true }, localEmergency: { database: { port: 5433, password: '0123' } } },
      clinic: { institutionCode: '0123456789' },
      sync: { deadlineMinutes: 'soon' },
    });
  });

  test('aliases apply, and the general form of the same setting wins', () => {
    const result = readEnvOverrides({
      ORCA_HYBRID_OPERATING_API_KEY: 'alias',
      ORCA_HYBRID_ENVIRONMENTS__OPERATING__CREDENTIALS__API_KEY: 'general',
      ORCA_HYBRID_LOCAL_EMERGENCY_DB_PASSWORD: 'pw',
    });
    expect(result.layer).toEqual({
      environments: {
        operating: { credentials: { apiKey: 'general' } },
        localEmergency: { database: { password: 'pw' } },
      },
    });
  });

  test('an unknown name with __ is a problem; without __ it is left to other features; empty means unset', () => {
    const result = readEnvOverrides({
      ORCA_HYBRID_BACKUP__RETENSION: '3',
      ORCA_HYBRID_LAB_DIR: '/x',
      ORCA_HYBRID_CONFIG: 'a.yaml',
      ORCA_HYBRID_LANGUAGE: '',
      ORCA_HYBRID_CLINIC: 'x',
    });
    expect(result.problems.map((p) => p.path).sort()).toEqual(['ORCA_HYBRID_BACKUP__RETENSION', 'ORCA_HYBRID_CLINIC']);
    expect(result.ignored).toEqual(['ORCA_HYBRID_LAB_DIR']);
    expect(result.layer).toEqual({});
  });
});

describe('layer merge', () => {
  test('a later layer replaces both forms of a secret from earlier layers', () => {
    const file = {
      environments: { operating: { credentials: { user: 'u', apiKeyFile: '/k' } } },
      backup: { folder: 'b', retention: 3 },
    };
    const env = { environments: { operating: { credentials: { apiKey: 'from-env' } } }, backup: { retention: 9 } };
    expect(mergeLayers([file, env])).toEqual({
      environments: { operating: { credentials: { user: 'u', apiKey: 'from-env' } } },
      backup: { folder: 'b', retention: 9 },
    });
    expect(file.environments.operating.credentials).toEqual({ user: 'u', apiKeyFile: '/k' });
  });

  test('both forms of a secret in one layer are a problem at the …File path', () => {
    expect(findSecretConflicts({ a: { password: 'x', passwordFile: '/p' } }, 'config file')).toEqual([
      { path: 'a.passwordFile', message: 'give either password or passwordFile, not both (config file)' },
    ]);
  });
});
