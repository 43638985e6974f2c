import type { ConfigProblem } from '../../core/config-schema.js';
import { describeSetting } from './schema-shape.js';
import { setPath, type ConfigTree } from './tree.js';

export const ENV_PREFIX = 'ORCA_HYBRID_';
/** Names the configuration file (like `--config`); not a setting. */
export const CONFIG_FILE_VAR = 'ORCA_HYBRID_CONFIG';

const credentials = (env: string): string[] => ['environments', env, 'credentials'];

/**
 * Short names for the secrets staff set most often (docs/configuration.md lists them). The general
 * `__` form of the same setting, when also set, wins.
 */
export const ENV_ALIASES: Record<string, readonly string[]> = {
  ORCA_HYBRID_OPERATING_API_KEY: [...credentials('operating'), 'apiKey'],
  ORCA_HYBRID_OPERATING_P12_PASSPHRASE: [...credentials('operating'), 'clientCertificate', 'passphrase'],
  ORCA_HYBRID_OPERATING_DB_PASSWORD: ['environments', 'operating', 'database', 'password'],
  ORCA_HYBRID_CLOUD_EMERGENCY_API_KEY: [...credentials('cloudEmergency'), 'apiKey'],
  ORCA_HYBRID_CLOUD_EMERGENCY_P12_PASSPHRASE: [...credentials('cloudEmergency'), 'clientCertificate', 'passphrase'],
  ORCA_HYBRID_LOCAL_EMERGENCY_API_KEY: [...credentials('localEmergency'), 'apiKey'],
  ORCA_HYBRID_LOCAL_EMERGENCY_DB_PASSWORD: ['environments', 'localEmergency', 'database', 'password'],
};

export interface EnvOverrides {
  /** The settings the environment gives, as a partial config tree. */
  layer: ConfigTree;
  /** Names of the variables used (never their values). */
  used: string[];
  /** `ORCA_HYBRID_*` names without `__` that name no setting: left for other features, reported with --verbose. */
  ignored: string[];
  problems: ConfigProblem[];
}

/** `ENVIRONMENTS__CLOUD_EMERGENCY__API_KEY` → `['environments', 'cloudEmergency', 'apiKey']`. */
export function envNameToPath(name: string): string[] {
  return name
    .slice(ENV_PREFIX.length)
    .split('__')
    .map((segment) => segment.toLowerCase().replace(/_+([a-z0-9])/g, (_all, c: string) => c.toUpperCase()));
}

/**
 * Reads `ORCA_HYBRID_*` variables into a config layer. Rule: strip the prefix, `__` separates path
 * segments, each SCREAMING_SNAKE segment becomes camelCase; numbers and booleans are converted only where
 * the schema expects them (anything unconvertible stays a string for validation to report). Empty values
 * count as unset. A name with `__` that names no setting is a problem (a typo would otherwise be silent).
 */
export function readEnvOverrides(env: NodeJS.ProcessEnv): EnvOverrides {
  const result: EnvOverrides = { layer: {}, used: [], ignored: [], problems: [] };
  const names = Object.keys(env).filter((n) => n.startsWith(ENV_PREFIX) && n !== CONFIG_FILE_VAR && env[n] !== '');
  // Aliases first so the general form of the same setting overwrites them.
  names.sort((a, b) => Number(!(a in ENV_ALIASES)) - Number(!(b in ENV_ALIASES)) || a.localeCompare(b));
  for (const name of names) {
    const raw = env[name]!;
    const path = ENV_ALIASES[name] ?? envNameToPath(name);
    const kind = describeSetting(path);
    if (kind === undefined) {
      if (name.includes('__')) result.problems.push({ path: name, message: `names no setting (${path.join('.')})` });
      else result.ignored.push(name);
      continue;
    }
    if (kind === 'section') {
      result.problems.push({ path: name, message: `${path.join('.')} is a section; set its fields with __` });
      continue;
    }
    setPath(result.layer, path, coerce(raw, kind));
    result.used.push(name);
  }
  return result;
}

function coerce(raw: string, kind: 'string' | 'number' | 'boolean'): unknown {
  const text = raw.trim();
  if (kind === 'number' && /^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (kind === 'boolean') {
    if (/^(true|yes|on|1)$/i.test(text)) return true;
    if (/^(false|no|off|0)$/i.test(text)) return false;
  }
  return kind === 'string' ? raw : text;
}
