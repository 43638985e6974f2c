/** Domain vocabulary shared by core, adapters and commands. */
import type { EnvironmentName } from './config-schema.js';

export type { EnvironmentName };

/** The tool's mode state machine (ARCHITECTURE.md): normal → emergency → recovery → normal. */
export const MODES = ['normal', 'emergency', 'recovery'] as const;
export type Mode = (typeof MODES)[number];

/** Which emergency environment is selected (選択中). */
export type EmergencyChoice = 'cloud' | 'local';
export const emergencyEnvironmentOf = (choice: EmergencyChoice): EnvironmentName =>
  choice === 'cloud' ? 'cloudEmergency' : 'localEmergency';

/**
 * The four 管理連番 as ORCA stores them: the last number issued (ORCA-DATA.md §3).
 * outpatientSlip = 0041 chars 1–8, inpatientSlip = 0042 chars 1–8,
 * patientSerial = 1009 chars 21–30 (RENNUM), patientId = 1009 chars 31–40 (PTID).
 */
export interface Sequences {
  outpatientSlip: number;
  inpatientSlip: number;
  patientSerial: number;
  patientId: number;
}
export const SEQUENCE_NAMES = ['outpatientSlip', 'inpatientSlip', 'patientSerial', 'patientId'] as const;
export type SequenceName = (typeof SEQUENCE_NAMES)[number];

/** Values of `X-Hybridmode` (manual §5(2)). Emergency environments add `-fa`. */
export const REPORTED_MODES = ['normal', 'emergency', 'recovery', 'normal-fa', 'emergency-fa', 'recovery-fa'] as const;
export type ReportedMode = (typeof REPORTED_MODES)[number];

/** The mode a reported `X-Hybridmode` stands for (`emergency-fa` → emergency); null for an unknown value. */
export function modeOfReported(reported: string): Mode | null {
  const base = reported.endsWith('-fa') ? reported.slice(0, -3) : reported;
  return (MODES as readonly string[]).includes(base) ? (base as Mode) : null;
}

/** The header value an environment should send for a recorded mode. */
export function reportedModeFor(env: EnvironmentName, mode: Mode): ReportedMode {
  return (env === 'operating' ? mode : `${mode}-fa`) as ReportedMode;
}

/** Backup ids are `[A-Za-z0-9._-]{1,128}` on both sides of the contract (no path traversal). */
export const BACKUP_ID_PATTERN = /^[A-Za-z0-9._-]{1,128}$/;
export function isBackupId(value: string): boolean {
  return BACKUP_ID_PATTERN.test(value) && value !== '.' && value !== '..';
}
