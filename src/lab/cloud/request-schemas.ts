/** zod mirrors of the contract's request bodies (docs/openapi.yaml); the lab server refuses anything else. */
import { z } from 'zod';
import { isBackupId, MODES } from '../../core/domain.js';
import { SEQUENCE_LIMITS } from '../../core/sequences.js';
import { HttpError } from './http-util.js';

const requestId = z.string().regex(/^[A-Za-z0-9._:-]{8,128}$/, { message: 'must match [A-Za-z0-9._:-]{8,128}' });
const counter = (max: number) => z.number().int().min(0).max(max);

export const modeRequestSchema = z.object({ mode: z.enum(MODES), reason: z.string().max(500), requestId }).strict();

export const bumpRequestSchema = z
  .object({
    atLeast: z
      .object({
        outpatientSlip: counter(SEQUENCE_LIMITS.outpatientSlip),
        inpatientSlip: counter(SEQUENCE_LIMITS.inpatientSlip),
        patientSerial: counter(SEQUENCE_LIMITS.patientSerial),
        patientId: counter(SEQUENCE_LIMITS.patientId),
      })
      .partial()
      .strict()
      .refine((v) => Object.keys(v).length > 0, { message: 'names at least one counter' }),
    requestId,
  })
  .strict();

export const exportRequestSchema = z.object({ requestId }).strict();

export const restoreRequestSchema = z.object({ backupId: z.string(), requestId }).strict();

/** Parses `body` or throws 400 BAD_REQUEST naming the offending fields. */
export function parseRequest<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.map(String).join('.') || '(body)'}: ${issue.message}`);
  throw new HttpError(400, 'BAD_REQUEST', problems.join('; '));
}

/** 400 INVALID_BACKUP_ID unless valid (checked before the generic schema, for the specific code). */
export function checkBackupIdField(value: unknown): void {
  if (typeof value === 'string' && !isBackupId(value))
    throw new HttpError(400, 'INVALID_BACKUP_ID', 'backup ids are [A-Za-z0-9._-]{1,128}');
}
