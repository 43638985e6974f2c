/**
 * The pure parts of `restore`: backup choice, guards, version gates, job waiting, the use case over fakes (the
 * clinic and structure gates: clinic-identity.test.ts).
 */
import { describe, expect, it } from '@jest/globals';
import type { CatalogEntry } from '../../src/core/backup-catalog.js';
import type { CloudJob } from '../../src/core/cloud-contract.js';
import {
  AuthError,
  ExitCode,
  GuardError,
  UnreachableError,
  VerificationError,
  isOrcaError,
} from '../../src/core/errors.js';
import type { DumpHeader } from '../../src/core/dump-header.js';
import type { RestoreOutcome, RestoreTarget } from '../../src/core/ports.js';
import type { ClinicIdentity } from '../../src/core/clinic-identity.js';
import { assertGates, checkVersions } from '../../src/core/restore-gates.js';
import { waitForJob } from '../../src/core/restore-job-wait.js';
import {
  applyRestoreGuards,
  assertClinicNameTyped,
  assessRestoreRisk,
  chooseRestoreBackup,
} from '../../src/core/restore-plan.js';
import { runRestore, type RestoreRunPorts } from '../../src/core/restore-run.js';
import { requestIdFor } from '../../src/adapters/cloud/restore-target.js';

const entry = (id: string, createdAt: string, extra: Partial<CatalogEntry> = {}): CatalogEntry => ({
  id,
  source: 'operating',
  createdAt,
  size: 10,
  sha256: 'a'.repeat(64),
  verified: true,
  verifiedAt: createdAt,
  archiveVersion: '1.14-0',
  dumpedFrom: '15.1',
  dumpedBy: '15.1',
  tocEntries: 5,
  dumpPath: `/x/${id}.dump`,
  ...extra,
});

async function caught(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('chooseRestoreBackup', () => {
  const entries = [
    entry('zzz-old', '2026-01-01T00:00:00Z'),
    entry('aaa-new', '2026-01-03T00:00:00Z'),
    entry('local-safety', '2026-01-05T00:00:00Z', { source: 'localEmergency' }),
    entry('unverified', '2026-01-06T00:00:00Z', { verified: false }),
  ];
  it('defaults to the newest verified dump by createdAt, never one taken from the target itself', () => {
    expect(chooseRestoreBackup(entries, 'localEmergency').id).toBe('aaa-new');
    expect(chooseRestoreBackup(entries, 'operating').id).toBe('local-safety');
  });
  it('takes a named verified dump; refuses an unverified one (exit 6) and an unknown id (exit 2)', async () => {
    expect(chooseRestoreBackup(entries, 'localEmergency', 'zzz-old').id).toBe('zzz-old');
    expect(await caught(() => chooseRestoreBackup(entries, 'localEmergency', 'unverified'))).toBeInstanceOf(
      VerificationError,
    );
    expect(
      ((await caught(() => chooseRestoreBackup(entries, 'localEmergency', 'nope'))) as { exitCode: number }).exitCode,
    ).toBe(2);
    expect(await caught(() => chooseRestoreBackup([], 'localEmergency'))).toBeInstanceOf(GuardError);
  });
});

describe('guards', () => {
  it('refuses the active emergency environment without --force and demands a safety dump with it', async () => {
    const risk = assessRestoreRisk({ mode: 'emergency', selectedEmergency: 'local' }, 'localEmergency');
    expect(risk).toEqual({ activeEmergency: true, operating: false });
    expect(await caught(() => applyRestoreGuards({ risk, force: false, canTakeSafetyDump: true }))).toBeInstanceOf(
      GuardError,
    );
    expect(applyRestoreGuards({ risk, force: true, canTakeSafetyDump: true })).toEqual({ safetyDump: true });
    expect(await caught(() => applyRestoreGuards({ risk, force: true, canTakeSafetyDump: false }))).toBeInstanceOf(
      GuardError,
    );
  });
  it('lets the other emergency environment and normal mode through; the operating one gets a safety dump when it can', () => {
    expect(assessRestoreRisk({ mode: 'emergency', selectedEmergency: 'local' }, 'cloudEmergency').activeEmergency).toBe(
      false,
    );
    expect(assessRestoreRisk({ mode: 'normal', selectedEmergency: 'local' }, 'localEmergency').activeEmergency).toBe(
      false,
    );
    const operating = assessRestoreRisk({ mode: 'recovery', selectedEmergency: 'cloud' }, 'operating');
    expect(applyRestoreGuards({ risk: operating, force: false, canTakeSafetyDump: true })).toEqual({
      safetyDump: true,
    });
    expect(applyRestoreGuards({ risk: operating, force: false, canTakeSafetyDump: false })).toEqual({
      safetyDump: false,
    });
  });
  it('compares the typed clinic name ignoring blanks and full-width forms', async () => {
    expect(() => assertClinicNameTyped('  ＡＢＣ　内科  ', 'ABC 内科')).not.toThrow();
    expect(await caught(() => assertClinicNameTyped('ABC 外科', 'ABC 内科'))).toBeInstanceOf(GuardError);
  });
});

describe('gates', () => {
  it('checks the archive version against the local pg_restore and pg_dump 17 against servers ≤ 16', () => {
    const [archive, server] = checkVersions({
      dumpVersion: '1.16-0',
      dumpedBy: '17.2',
      dumpedByMajor: 17,
      pgRestore: { version: '15.18', major: 15 },
      server: { version: '16.4', major: 16 },
    });
    expect(archive).toMatchObject({ gate: 'archiveVersion', dump: '1.16-0', ok: false });
    expect(server).toMatchObject({ gate: 'serverVersion', ok: false, target: 'server 16.4' });
    expect(
      checkVersions({ dumpVersion: '1.14-0', dumpedBy: '15.1', dumpedByMajor: 15, pgRestore: null, server: null }),
    ).toEqual([]);
  });
  it('throws the first failed gate with both values (exit 5)', async () => {
    const error = await caught(() => assertGates([{ gate: 'institution', dump: '2', target: '1', ok: false }]));
    expect(error).toMatchObject({
      exitCode: ExitCode.refused,
      key: 'restore.gate.institution.refused',
      params: { dump: '2', target: '1' },
    });
  });
});

describe('waitForJob', () => {
  const job = (state: CloudJob['state'], progress = 0.5): CloudJob => ({
    jobId: 'j1',
    kind: 'restore',
    state,
    progress,
    backupId: 'b',
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
  });
  const clock = () => {
    let now = 0;
    return { now: () => now, sleep: async (ms: number) => void (now += ms) };
  };
  it('follows the job to success or failure', async () => {
    const answers = [job('queued'), job('running'), job('succeeded', 1)];
    const seen: number[] = [];
    const outcome = await waitForJob({ getJob: async () => answers.shift()! }, 'j1', {
      timeoutMs: 60_000,
      ...clock(),
      onUpdate: (j) => seen.push(j.progress),
    });
    expect(outcome.kind).toBe('succeeded');
    expect(seen).toEqual([0.5, 0.5, 1]);
    expect((await waitForJob({ getJob: async () => job('failed') }, 'j1', { timeoutMs: 1000, ...clock() })).kind).toBe(
      'failed',
    );
  });
  it('reports a job running past the deadline, or unanswerable, as unknown — never as failed', async () => {
    expect(
      await waitForJob({ getJob: async () => job('running') }, 'j1', { timeoutMs: 5000, ...clock() }),
    ).toMatchObject({ kind: 'unknown', reason: 'timeout' });
    const down = async (): Promise<CloudJob> => {
      throw new UnreachableError({ key: 'http.unreachable' });
    };
    expect(await waitForJob({ getJob: down }, 'j1', { timeoutMs: 5000, ...clock() })).toMatchObject({
      kind: 'unknown',
      reason: 'unreachable',
      job: null,
    });
    expect((await waitForJob({ getJob: async () => null }, 'j1', { timeoutMs: 5000, ...clock() })).kind).toBe('lost');
    const refused = async (): Promise<CloudJob> => {
      throw new AuthError({ key: 'http.auth' });
    };
    expect(await caught(() => waitForJob({ getJob: refused }, 'j1', { timeoutMs: 5000, ...clock() }))).toBeInstanceOf(
      AuthError,
    );
  });
});

describe('runRestore over fakes', () => {
  const header = { dumpVersion: '1.14-0', dumpedBy: '15.1', dumpedByMajor: 15 } as DumpHeader;
  const identity = (code: string | null, version = '050200-1'): ClinicIdentity => ({
    hospnums: [1],
    institutionCode: code,
    problem: code === null ? 'noInstitutionRow' : null,
    structureVersion: version,
  });
  const restored = (extra: Partial<Extract<RestoreOutcome, { kind: 'restored' }>> = {}): RestoreOutcome => ({
    kind: 'restored',
    safetyBackupId: null,
    keptDatabases: [],
    warnings: [],
    ...extra,
  });
  function fakes(outcome: RestoreOutcome, dump: ClinicIdentity = identity('1312345678')) {
    const calls: string[] = [];
    const target: RestoreTarget = {
      env: 'localEmergency',
      kind: 'postgres',
      inspect: async () => ({
        server: { version: '15.1', major: 15 },
        identity: { ...identity('1312345678'), exists: true },
        canTakeSafetyDump: true,
        sequences: { outpatientSlip: 70, inpatientSlip: 20, patientSerial: 110, patientId: 110 },
      }),
      restore: async (_entry, request) => {
        calls.push(request.safetyDump ? 'restore+safety' : 'restore');
        return outcome;
      },
    };
    const ports: RestoreRunPorts = {
      destination: target,
      inspectDump: async () => ({ header, identity: dump }),
      localRestoreVersion: async () => ({ version: '15.18', major: 15 }),
      confirm: async () => void calls.push('confirm'),
      readCounters: async () => ({ outpatientSlip: 60, inpatientSlip: 20, patientSerial: 110, patientId: 110 }),
      pingWebOrca: async () => void calls.push('ping'),
      events: {
        chosen: () => undefined,
        gates: () => undefined,
        safetyDumpTaken: () => undefined,
        progress: () => undefined,
      },
      clock: { now: () => new Date('2026-01-02T00:00:00Z') },
      explain: (e) => (isOrcaError(e) ? e.key : String(e)),
    };
    return { calls, ports };
  }
  const options = (mode: 'normal' | 'emergency') => ({
    target: 'localEmergency' as const,
    entries: [entry('b1', '2026-01-01T00:00:00Z')],
    force: true,
    state: { mode, selectedEmergency: 'local' as const, lastKnownSequences: {} },
    institutionCode: '1312345678',
  });

  it('refuses a dump of another clinic, of no clinic or of a newer structure before anything is touched', async () => {
    for (const dump of [identity('2712345678'), identity(null), identity('1312345678', '050300-1')]) {
      const { calls, ports } = fakes(restored(), dump);
      expect(await caught(() => runRestore(options('emergency'), ports))).toMatchObject({ exitCode: 5 });
      expect(calls).toEqual([]);
    }
  });
  it('confirms, restores with the safety dump, pings WebORCA and advises the bump', async () => {
    const { calls, ports } = fakes(restored({ safetyBackupId: 'safety-1' }), identity('1312345678', '050100-1'));
    const report = await runRestore(options('emergency'), ports);
    expect(report).toMatchObject({ backupId: 'b1', safetyBackupId: 'safety-1', webOrcaAnswered: true });
    expect(report.warnings.map((w) => w.key)).toEqual(['restore.structure.older']);
    expect(report.bump?.command).toBe('orca-hybrid bump-seq --env localEmergency --from operating');
    expect(report.bump?.reasons.map((r) => r.key)).toEqual([
      'restore.advice.olderThanContent',
      'restore.advice.emergency',
    ]);
    expect(calls).toEqual(['confirm', 'restore+safety', 'ping']);
  });
  it('says when WebORCA does not answer or the counters cannot be read, without failing the restore', async () => {
    const { ports } = fakes(restored());
    ports.pingWebOrca = async () => {
      throw new UnreachableError({ key: 'http.unreachable' });
    };
    ports.readCounters = async () => {
      throw new UnreachableError({ key: 'postgres.unreachable' });
    };
    const report = await runRestore(options('normal'), ports);
    expect(report.webOrcaAnswered).toBe(false);
    expect(report.sequences).toBeNull();
    expect(report.warnings.map((w) => [w.key, w.params.reason])).toEqual([
      ['restore.countersUnreadable', 'postgres.unreachable'],
      ['restore.webOrcaSilent.local', 'http.unreachable'],
    ]);
  });
  it('reads the dump, the target and pg_restore side by side, and reports the dump first when several fail', async () => {
    const { calls, ports } = fakes(restored());
    let release = (): void => undefined;
    const slowDump = new Promise<void>((resolve) => {
      release = resolve;
    });
    const started: string[] = [];
    ports.inspectDump = async () => {
      started.push('dump');
      await slowDump;
      throw new VerificationError({ key: 'dump.checksumMismatch' });
    };
    ports.destination.inspect = async () => {
      started.push('target');
      release();
      throw new UnreachableError({ key: 'postgres.unreachable' });
    };
    ports.localRestoreVersion = async () => (started.push('pg_restore'), { version: '15.18', major: 15 });
    expect(await caught(() => runRestore(options('normal'), ports))).toMatchObject({
      exitCode: 6,
      key: 'dump.checksumMismatch',
    });
    expect(started).toEqual(['dump', 'target', 'pg_restore']);
    expect(calls).toEqual([]);
  });
  it('turns a failed step into restore.failed.<step> with the cause exit code, and a running job into exit 8', async () => {
    const cause = new VerificationError({ key: 'dump.readFailed', details: ['pg_restore: error: bad block'] });
    const failed = await caught(() =>
      runRestore(options('normal'), fakes({ kind: 'failed', step: 'restoring', error: cause }).ports),
    );
    expect(failed).toMatchObject({
      exitCode: 6,
      key: 'restore.failed.restoring',
      details: ['dump.readFailed', 'pg_restore: error: bad block'],
    });
    const unknown = await caught(() =>
      runRestore(options('normal'), fakes({ kind: 'unknown', jobId: 'j9', step: 'remote', fraction: 0.4 }).ports),
    );
    expect(unknown).toMatchObject({ exitCode: 8, key: 'restore.unknown', params: { jobId: 'j9', percent: 40 } });
  });
});

describe('requestIdFor', () => {
  it('is stable for the same backup and restore point and changes once a restore was recorded', () => {
    const e = entry('b1', '2026-01-01T00:00:00Z');
    const first = requestIdFor('cloudEmergency', e, undefined);
    expect(first).toMatch(/^restore:[0-9a-f]{40}$/);
    expect(requestIdFor('cloudEmergency', e, undefined)).toBe(first);
    expect(requestIdFor('cloudEmergency', e, { backupId: 'b1', restoredAt: '2026-01-02T00:00:00Z' })).not.toBe(first);
  });
});
