import { z } from 'zod';
import { BACKUP_ID_PATTERN, MODES, REPORTED_MODES } from './domain.js';

/**
 * The cloud control API's answers (docs/openapi.yaml, contract v1) as zod schemas. Every answer is untrusted
 * input: the cloud adapter validates it here before anything uses it. Known fields are checked strictly
 * (patterns, ranges, sizes); unknown fields are dropped unread (tolerant reader), so a server one minor
 * version ahead does not break `status`. Keep this file, the OpenAPI file and the lab server in step.
 */

/** Largest backup the tool accepts as a number: 16 TiB, far above any clinic, far below 2^53. */
export const MAX_BACKUP_SIZE = 2 ** 44;
export const MAX_SLIP_NUMBER = 99_999_999;
export const MAX_PATIENT_NUMBER = 9_999_999_999;
export const MAX_LISTED_BACKUPS = 1000;

export const backupIdSchema = z
  .string()
  .regex(BACKUP_ID_PATTERN, { message: 'is not a valid backup id' })
  .refine((v) => v !== '.' && v !== '..', { message: 'is not a valid backup id' });
export const jobIdSchema = z.string().regex(/^[A-Za-z0-9._-]{1,128}$/, { message: 'is not a valid job id' });
export const requestIdSchema = z.string().regex(/^[A-Za-z0-9._:-]{8,128}$/, { message: 'is not a valid request id' });
export const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, { message: 'is not a lower-case sha256' });
export const timestampSchema = z.iso.datetime({ offset: true }).max(40);
export const modeSchema = z.enum(MODES);
export const reportedModeSchema = z.enum(REPORTED_MODES);
const slipNumber = z.number().int().min(0).max(MAX_SLIP_NUMBER);
const patientNumber = z.number().int().min(0).max(MAX_PATIENT_NUMBER);
const errorCode = z.string().regex(/^[A-Z][A-Z0-9_]{0,63}$/);

export const errorBodySchema = z.object({
  error: z.object({ code: errorCode, message: z.string().max(1000) }),
});

export const healthSchema = z.object({
  mode: modeSchema,
  role: z.enum(['operating', 'emergency']),
  version: z.string().max(64),
  institutionCode: z.string().regex(/^(\d{10})?$/),
  institutionName: z.string().max(200),
  time: timestampSchema,
});
export type CloudHealth = z.infer<typeof healthSchema>;

export const modeRequestSchema = z.object({
  mode: modeSchema,
  reason: z.string().max(500),
  requestId: requestIdSchema,
});
export const modeChangeSchema = z.object({ mode: modeSchema, previous: modeSchema });
export type CloudModeChange = z.infer<typeof modeChangeSchema>;

export const sequencesSchema = z.object({
  outpatientSlip: slipNumber,
  inpatientSlip: slipNumber,
  patientSerial: patientNumber,
  patientId: patientNumber,
});
export const sequencesReadingSchema = sequencesSchema.extend({ readAt: timestampSchema });
export type CloudSequencesReading = z.infer<typeof sequencesReadingSchema>;

export const bumpRequestSchema = z.object({
  atLeast: sequencesSchema.partial().refine((v) => Object.keys(v).length > 0, { message: 'names no counter' }),
  requestId: requestIdSchema,
});
export const bumpResultSchema = z
  .object({ before: sequencesSchema, after: sequencesSchema })
  .refine((v) => (Object.keys(v.before) as Array<keyof typeof v.before>).every((k) => v.after[k] >= v.before[k]), {
    message: 'lowered a counter',
  });
export type CloudBumpResult = z.infer<typeof bumpResultSchema>;

export const backupSchema = z.object({
  id: backupIdSchema,
  createdAt: timestampSchema,
  size: z.number().int().min(0).max(MAX_BACKUP_SIZE),
  sha256: sha256Schema,
  format: z.literal('pg_dump-custom'),
  dumpVersion: z
    .string()
    .regex(/^\d{1,2}\.\d{1,3}(-\d{1,3})?$/)
    .optional(),
  origin: z.enum(['nightly', 'export', 'upload']).optional(),
});
export type CloudBackup = z.infer<typeof backupSchema>;

export const backupListSchema = z.object({
  backups: z
    .array(backupSchema)
    .max(MAX_LISTED_BACKUPS)
    .refine((list) => new Set(list.map((b) => b.id)).size === list.length, { message: 'lists an id twice' }),
});

export const exportRequestSchema = z.object({ requestId: requestIdSchema });
export const exportAcceptedSchema = z.object({ jobId: jobIdSchema, backupId: backupIdSchema });
export type CloudExportAccepted = z.infer<typeof exportAcceptedSchema>;

export const restoreRequestSchema = z.object({ backupId: backupIdSchema, requestId: requestIdSchema });
export const jobAcceptedSchema = z.object({ jobId: jobIdSchema });

export const jobSchema = z.object({
  jobId: jobIdSchema,
  kind: z.enum(['export', 'restore']),
  state: z.enum(['queued', 'running', 'succeeded', 'failed']),
  progress: z.number().min(0).max(1),
  phase: z.string().max(64).optional(),
  backupId: backupIdSchema,
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
  error: z.object({ code: errorCode, message: z.string().max(1000) }).optional(),
});
export type CloudJob = z.infer<typeof jobSchema>;

/** The `X-Hybridmode` value if it is one the contract knows, else null (never an arbitrary string). */
export function parseReportedMode(value: string | null | undefined): z.infer<typeof reportedModeSchema> | null {
  const parsed = reportedModeSchema.safeParse(value?.trim());
  return parsed.success ? parsed.data : null;
}

/** Parses a strong ETag holding a sha256 (`"<64 hex>"`); null when absent or of another shape. */
export function parseSha256Etag(value: string | null | undefined): string | null {
  const match = value ? /^"([0-9a-f]{64})"$/.exec(value.trim()) : null;
  return match ? match[1]! : null;
}
