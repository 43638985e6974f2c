import { z } from 'zod';

/**
 * The configuration contract (STYLE.md §10). Loaded once (defaults < file < ORCA_HYBRID_* environment <
 * flags), validated here, passed down as `OrcaConfig`. Secrets may be inline, as `…File` paths, or from the
 * environment; the loader resolves `…File` into the inline field before validation of use, and every
 * field named in `SECRET_KEYS` is redacted wherever config is shown.
 */

/** Field names whose values are secrets wherever they appear in the tree. */
export const SECRET_KEYS = ['apiKey', 'password', 'passphrase'] as const;

const httpsUrl = z
  .string({ error: 'is required' })
  .refine((v) => isUrl(v, ['https:']), { message: 'must be an https URL' });
const httpUrl = z
  .string({ error: 'is required' })
  .refine((v) => isUrl(v, ['https:', 'http:']), { message: 'must be an http or https URL' });

function isUrl(value: string, protocols: string[]): boolean {
  try {
    const url = new URL(value);
    return protocols.includes(url.protocol) && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

const nonEmpty = z.string({ error: 'is required' }).min(1, { message: 'must not be empty' });
const port = z.number({ error: 'must be a number' }).int().min(1).max(65535);

/** Client certificate: a PKCS#12 bundle (WebORCA cloud's `.p12`) or a PEM certificate and key. */
export const clientCertificateSchema = z
  .object({
    p12File: nonEmpty.optional(),
    certFile: nonEmpty.optional(),
    keyFile: nonEmpty.optional(),
    passphrase: z.string().optional(),
    passphraseFile: nonEmpty.optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    const pem = v.certFile !== undefined || v.keyFile !== undefined;
    if (v.p12File === undefined && !pem) {
      ctx.addIssue({ code: 'custom', message: 'needs p12File, or certFile and keyFile' });
    }
    if (v.p12File !== undefined && pem) {
      ctx.addIssue({ code: 'custom', message: 'give either p12File or certFile/keyFile, not both' });
    }
    if (pem && (v.certFile === undefined || v.keyFile === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [v.certFile === undefined ? 'certFile' : 'keyFile'],
        message: 'is required with a PEM certificate',
      });
    }
  });

/** Basic-auth user + API key (cloud) or password (on-premises WebORCA), client certificate, CA. */
export const credentialsSchema = z
  .object({
    user: nonEmpty,
    apiKey: z.string().optional(),
    apiKeyFile: nonEmpty.optional(),
    clientCertificate: clientCertificateSchema.optional(),
    caFile: nonEmpty.optional(),
  })
  .strict();

/** A PostgreSQL database reached directly (on-premises operating server, local emergency VM). */
export const databaseSchema = z
  .object({
    host: nonEmpty.default('127.0.0.1'),
    port: port.default(5432),
    database: nonEmpty.default('orca'),
    user: nonEmpty.default('orca'),
    password: z.string().optional(),
    passwordFile: nonEmpty.optional(),
    /** libpq-style TLS mode; `verify-full` when the database is reached over a network. */
    sslmode: z.enum(['disable', 'require', 'verify-full']).default('disable'),
    caFile: nonEmpty.optional(),
  })
  .strict();

const cloudEnvironmentSchema = z
  .object({
    kind: z.literal('cloud'),
    /** Base URL of the cloud control API (`…/hybrid/v1` is appended). */
    url: httpsUrl,
    /** Base URL of the WebORCA API (`/api/…` is appended). */
    orcaApiUrl: httpsUrl,
    credentials: credentialsSchema,
    /** Turns TLS verification off. Printed as a warning on every run. */
    insecure: z.boolean().default(false),
  })
  .strict();

const postgresEnvironmentSchema = z
  .object({
    kind: z.literal('postgres'),
    database: databaseSchema,
    orcaApiUrl: httpUrl,
    credentials: credentialsSchema.optional(),
    insecure: z.boolean().default(false),
  })
  .strict();

/** How `vm rebuild` reaches the guest for its update steps (OpenSSH, key authentication only). */
const vmSshSchema = z
  .object({
    host: nonEmpty.default('127.0.0.1'),
    port: port.default(22),
    user: nonEmpty,
    identityFile: nonEmpty.optional(),
    /** ssh's own path when it is not on the PATH. */
    programFile: nonEmpty.optional(),
  })
  .strict();

const vmRebuildSchema = z
  .object({
    /** Programs run in the guest after the snapshot is restored, in order (e.g. `[sudo, weborca-install]`). */
    update: z
      .array(z.array(z.string().min(1, { message: 'must not be empty' })).min(1, { message: 'must not be empty' }))
      .max(20)
      .default([]),
    updateTimeoutSeconds: z.number().int().min(10).max(7200).default(1800),
    ssh: vmSshSchema.optional(),
  })
  .strict();

const vmObjectSchema = z
  .object({
    /** Which hypervisor runs the VM (`driver` is accepted as another name for it). */
    provider: z.enum(['virtualbox', 'hyperv', 'lab']),
    name: nonEmpty,
    /** Snapshot restored by `vm rebuild` (a clean OS with WebORCA installed). */
    snapshot: nonEmpty.default('clean'),
    /** How long `vm start` (and a rebuild's start) waits for WebORCA to answer. */
    startTimeoutSeconds: z.number().int().min(10).max(3600).default(180),
    /** How long `vm stop` gives the guest to shut down before the power is pulled. */
    stopTimeoutSeconds: z.number().int().min(10).max(3600).default(120),
    /** The hypervisor program (VBoxManage, powershell.exe) when it is not found on its own. */
    programFile: nonEmpty.optional(),
    /** Provider `lab` only: the lab folder whose local cluster stands for the VM. */
    labDir: nonEmpty.optional(),
    rebuild: vmRebuildSchema.default({ update: [], updateTimeoutSeconds: 1800 }),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.provider !== 'lab' && v.rebuild.update.length > 0 && v.rebuild.ssh === undefined) {
      ctx.addIssue({ code: 'custom', path: ['rebuild', 'ssh'], message: 'is required when rebuild.update has steps' });
    }
  });

/**
 * `driver` is read as `provider`: both names are in use for this setting (the first configs and the docs say
 * `provider`); giving both with different values is an error rather than a silent choice.
 */
export const vmSchema = z.preprocess((raw, ctx) => {
  if (raw === null || typeof raw !== 'object' || !('driver' in raw)) return raw;
  const { driver, ...rest } = raw as Record<string, unknown>;
  if ('provider' in rest && rest.provider !== driver) {
    ctx.addIssue({ code: 'custom', path: ['driver'], message: `differs from provider (${String(rest.provider)})` });
    return raw;
  }
  return { ...rest, provider: driver };
}, vmObjectSchema);

export const operatingSchema = z.discriminatedUnion('kind', [cloudEnvironmentSchema, postgresEnvironmentSchema]);
export const localEmergencySchema = postgresEnvironmentSchema.extend({ vm: vmSchema.optional() }).strict();

export const configSchema = z
  .object({
    language: z.enum(['ja', 'en']).optional(),
    clinic: z
      .object({
        /** 医療機関コード (10 digits), compared with the dump's and the target's before a restore. */
        institutionCode: z.string({ error: 'is required' }).regex(/^\d{10}$/, { message: 'must be 10 digits' }),
        name: nonEmpty,
      })
      .strict(),
    environments: z
      .object({
        operating: operatingSchema,
        cloudEmergency: cloudEnvironmentSchema,
        localEmergency: localEmergencySchema,
      })
      .strict(),
    backup: z
      .object({
        folder: nonEmpty,
        retention: z
          .number({ error: 'must be a number' })
          .int()
          .min(1, { message: 'must be at least 1' })
          .max(365)
          .default(7),
      })
      .strict(),
    sync: z
      .object({
        /** Per-request connect/idle timeout. */
        requestTimeoutSeconds: z.number().int().min(1).max(600).default(30),
        /** Total deadline of one `sync`, retries included (RELIABILITY.md lesson 2). */
        deadlineMinutes: z.number().int().min(1).max(1440).default(45),
      })
      .strict()
      .default({ requestTimeoutSeconds: 30, deadlineMinutes: 45 }),
    sequences: z
      .object({
        /** Added to the larger counter when bumping from a live source. */
        margin: z.number().int().min(0).max(1_000_000).default(0),
        /** Margin used when the source is the last-known reading (numbers may have been issued since). */
        lastKnownMargin: z.number().int().min(0).max(1_000_000).default(100),
      })
      .strict()
      .default({ margin: 0, lastKnownMargin: 100 }),
    status: z
      .object({ timeoutSeconds: z.number().min(0.5).max(120).default(5) })
      .strict()
      .default({ timeoutSeconds: 5 }),
    postgres: z
      .object({
        /** The folder holding pg_dump and pg_restore; unset: PATH, then the platform's standard folders. */
        binDir: nonEmpty.optional(),
      })
      .strict()
      .optional(),
    /** Where state, journal, lock and log live; defaults to the user's state folder. */
    stateDir: nonEmpty.optional(),
  })
  .strict();

export type OrcaConfig = z.infer<typeof configSchema>;
export type CloudEnvironmentConfig = z.infer<typeof cloudEnvironmentSchema>;
export type PostgresEnvironmentConfig = z.infer<typeof postgresEnvironmentSchema>;
export type LocalEmergencyConfig = z.infer<typeof localEmergencySchema>;
export type OperatingConfig = z.infer<typeof operatingSchema>;
export type CredentialsConfig = z.infer<typeof credentialsSchema>;
export type DatabaseConfig = z.infer<typeof databaseSchema>;
export type VmConfig = z.infer<typeof vmSchema>;

export const ENVIRONMENT_NAMES = ['operating', 'cloudEmergency', 'localEmergency'] as const;
export type EnvironmentName = (typeof ENVIRONMENT_NAMES)[number];

/** One validation problem, as `config validate` prints it: `environments.operating.url: must be an https URL`. */
export interface ConfigProblem {
  path: string;
  message: string;
}

/** Validates a merged raw config and returns every problem at once (never only the first). */
export function validateConfig(
  raw: unknown,
): { ok: true; config: OrcaConfig } | { ok: false; problems: ConfigProblem[] } {
  const parsed = configSchema.safeParse(raw);
  if (parsed.success) return { ok: true, config: parsed.data };
  const problems = parsed.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    message: describeIssue(issue),
  }));
  return { ok: false, problems };
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown setting(s): ${issue.keys.join(', ')}`;
  if (issue.code === 'invalid_union' && 'discriminator' in issue) return 'kind must be "cloud" or "postgres"';
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'is required';
  if (issue.code === 'too_small' && issue.origin === 'number') return `must be at least ${String(issue.minimum)}`;
  if (issue.code === 'too_big' && issue.origin === 'number') return `must be at most ${String(issue.maximum)}`;
  if (issue.code === 'invalid_value') return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  return issue.message;
}
