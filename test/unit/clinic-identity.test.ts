/**
 * Reading a clinic's identity the way ORCA does (tbl_sysbase hospnums, tbl_syskanri 1001 characters 1–10
 * valid on the date, tbl_dbkanri ORCADB00), the COPY text it is read from in a dump, and the gates that
 * compare a dump with the configuration and the target.
 */
import { describe, expect, it } from '@jest/globals';
import {
  compareStructureVersions,
  parseStructureVersion,
  readClinicIdentity,
  type ClinicIdentity,
  type IdentityRows,
} from '../../src/core/clinic-identity.js';
import { parseCopyBlocks, type CopyRow } from '../../src/core/copy-text.js';
import { adviseBump } from '../../src/core/restore-advice.js';
import {
  assertGates,
  checkClinics,
  checkInstitution,
  checkStructure,
  type TargetIdentity,
} from '../../src/core/restore-gates.js';

const DATE = '20260301';
const row1001 = (kanritbl: string | null, extra: Partial<CopyRow> = {}): CopyRow => ({
  hospnum: '1',
  kanricd: '1001',
  kbncd: '*       ',
  styukymd: '00000000',
  edyukymd: '99999999',
  kanritbl,
  ...extra,
});
const rows = (syskanri: CopyRow[], hospnums = ['1'], version: string | null = '050100-1') => ({
  sysbase: hospnums.map((hospnum, i) => ({ grpnum: String(i + 1), hospnum })),
  syskanri,
  dbkanri: version === null ? [] : [{ kanricd: 'ORCADB00', version: ` ${version} ` }],
});

describe('readClinicIdentity', () => {
  it('reads characters 1–10 of the 1001 row valid on the date, for the one hospnum', () => {
    const identity = readClinicIdentity(
      rows([
        row1001('1312345678' + '2' + ' '.repeat(24) + 'テスト内科'),
        row1001('9912345678', { edyukymd: '20251231' }),
        row1001('2712345678', { hospnum: '2' }),
        row1001('0000000000', { kanricd: '1002' }),
      ]),
      DATE,
    );
    expect(identity).toEqual({
      hospnums: [1],
      institutionCode: '1312345678',
      problem: null,
      structureVersion: '050100-1',
    });
  });
  it('says why no code can be read', () => {
    const problem = (input: IdentityRows) => readClinicIdentity(input, DATE).problem;
    expect(problem(rows([row1001('1312345678')], []))).toBe('noClinic');
    expect(problem({ sysbase: null, syskanri: null, dbkanri: null })).toBe('noClinic');
    expect(problem(rows([row1001('1312345678')], ['1', '2']))).toBe('severalClinics');
    expect(problem(rows([row1001('1312345678', { styukymd: '20260302' })]))).toBe('noInstitutionRow');
    expect(problem(rows([row1001('1312345678'), row1001('1312345679', { styukymd: '20260101' })]))).toBe(
      'ambiguousInstitutionRow',
    );
    // A 7-digit code without prefecture and point table is not an institution code.
    expect(problem(rows([row1001('1234567')]))).toBe('malformedInstitutionCode');
    expect(problem(rows([row1001(null)]))).toBe('malformedInstitutionCode');
    expect(readClinicIdentity(rows([row1001('1312345678')], ['1'], null), DATE).structureVersion).toBeNull();
  });
  it('reads the rows out of the COPY blocks pg_restore prints for a dump', () => {
    const sql = [
      "SET client_encoding = 'UTF8';",
      'COPY public.tbl_sysbase (grpnum, hospnum, hospname, kigen, honbungrp, honbunkbn, creymd, upymd, uphms) FROM stdin;',
      '1\t1\tテスト\\t内科\t99999999\t0\t0\t20260101\t20260101\t000000',
      '\\.',
      'COPY public.tbl_syskanri (kanricd, kbncd, styukymd, edyukymd, kanritbl, termid, opid, creymd, upymd, uphms, hospnum) FROM stdin;',
      '1001\t*       \t00000000\t99999999\t13123456782\tlab\tlab\t\\N\t\\N\t\\N\t1',
      '\\.',
      'COPY public.tbl_dbkanri (kanricd, version, dbsversion1, dbsversion2, termid, opid, creymd, upymd, uphms) FROM stdin;',
      'ORCADB00\t050200-1\t\t\t\t\t\t\t',
      '\\.',
      '',
    ].join('\n');
    const tables = parseCopyBlocks(sql);
    expect(tables.get('tbl_sysbase')?.[0]).toMatchObject({ hospname: 'テスト\t内科', hospnum: '1' });
    expect(tables.get('tbl_syskanri')?.[0]).toMatchObject({ creymd: null, kanritbl: '13123456782' });
    const identity = readClinicIdentity(
      {
        sysbase: tables.get('tbl_sysbase')!,
        syskanri: tables.get('tbl_syskanri')!,
        dbkanri: tables.get('tbl_dbkanri')!,
      },
      DATE,
    );
    expect(identity).toMatchObject({ institutionCode: '1312345678', structureVersion: '050200-1' });
    expect(parseCopyBlocks('no copy here').size).toBe(0);
  });
});

describe('structure versions', () => {
  it('compares release digits, then the revision, as numbers', () => {
    const v = (text: string) => parseStructureVersion(text)!;
    expect(compareStructureVersions(v('050100-1'), v('050200-1'))).toBeLessThan(0);
    expect(compareStructureVersions(v('050200-10'), v('050200-9'))).toBeGreaterThan(0);
    expect(compareStructureVersions(v('050200-1'), v(' 050200-1 '))).toBe(0);
    expect(parseStructureVersion('5.2.0')).toBeNull();
    expect(parseStructureVersion(null)).toBeNull();
  });
});

describe('identity gates', () => {
  const dump = (extra: Partial<ClinicIdentity> = {}): ClinicIdentity => ({
    hospnums: [1],
    institutionCode: '1312345678',
    problem: null,
    structureVersion: '050200-1',
    ...extra,
  });
  const target = (extra: Partial<TargetIdentity> = {}): TargetIdentity => ({ ...dump(), exists: true, ...extra });
  it('needs exactly one clinic in the dump', () => {
    expect(checkClinics(dump(), target()).ok).toBe(true);
    expect(checkClinics(dump({ hospnums: [1, 2] }), target())).toMatchObject({ ok: false, dump: '1, 2' });
    expect(checkClinics(dump({ hospnums: [] }), target({ exists: false }))).toMatchObject({
      ok: false,
      dump: '-',
      target: '-',
    });
  });
  it('needs the configured code in the dump and in a target that names one; an unreadable target code only warns', () => {
    expect(checkInstitution(dump(), '1312345678', target()).ok).toBe(true);
    expect(checkInstitution(dump({ institutionCode: '2712345678' }), '1312345678', target()).ok).toBe(false);
    expect(checkInstitution(dump(), '1312345678', target({ institutionCode: '2712345678' }))).toMatchObject({
      ok: false,
      target: '1312345678 / 2712345678',
    });
    const unreadable = checkInstitution(
      dump(),
      '1312345678',
      target({ institutionCode: null, problem: 'noInstitutionRow' }),
    );
    expect(unreadable).toMatchObject({ ok: true, warning: { key: 'restore.identity.target.noInstitutionRow' } });
    expect(
      checkInstitution(dump(), '1312345678', target({ exists: false, institutionCode: null })).warning,
    ).toBeUndefined();
    const noCode = checkInstitution(
      dump({ institutionCode: null, problem: 'malformedInstitutionCode' }),
      '1312345678',
      target(),
    );
    expect(noCode).toMatchObject({
      ok: false,
      dump: '?',
      detail: { key: 'restore.identity.dump.malformedInstitutionCode' },
    });
    expect(() => assertGates([noCode])).toThrow(
      expect.objectContaining({ key: 'restore.identity.dump.malformedInstitutionCode', exitCode: 5 }),
    );
  });
  it('refuses a dump newer than the target structure, warns for an older one or an unknown target', () => {
    expect(checkStructure(dump(), target()).ok).toBe(true);
    expect(checkStructure(dump({ structureVersion: '050200-2' }), target())).toMatchObject({
      ok: false,
      dump: '050200-2',
    });
    expect(checkStructure(dump({ structureVersion: '050100-9' }), target())).toMatchObject({
      ok: true,
      warning: { key: 'restore.structure.older' },
    });
    expect(checkStructure(dump(), target({ structureVersion: null }))).toMatchObject({
      ok: true,
      warning: { key: 'restore.structure.targetUnknown' },
    });
    expect(checkStructure(dump(), target({ exists: false, structureVersion: null })).warning).toBeUndefined();
    expect(checkStructure(dump({ structureVersion: null }), target()).ok).toBe(false);
  });
});

describe('adviseBump', () => {
  const seq = (n: number) => ({ outpatientSlip: n, inpatientSlip: n, patientSerial: n, patientId: n });
  const input = {
    target: 'localEmergency' as const,
    backupSource: 'operating' as const,
    restored: seq(50),
    before: seq(50),
    lastKnown: {},
    emergency: false,
    defaultSource: 'operating' as const,
  };
  it('is silent when the restored counters are at or above everything known', () => {
    expect(adviseBump(input)).toBeNull();
    expect(adviseBump({ ...input, lastKnown: { localEmergency: { values: seq(99), readAt: 'x' } } })).toBeNull();
  });
  it('names the environment whose last-known counters are higher, and an older-than-content restore', () => {
    const advice = adviseBump({
      ...input,
      before: { ...seq(50), patientId: 51 },
      lastKnown: { cloudEmergency: { values: { ...seq(50), outpatientSlip: 60 }, readAt: '2026-01-01T00:00:00Z' } },
    });
    expect(advice).toEqual({
      command: 'orca-hybrid bump-seq --env localEmergency --from cloudEmergency',
      reasons: [
        { key: 'restore.advice.olderThanContent', params: { counters: 'patientId' } },
        {
          key: 'restore.advice.belowOther',
          params: { env: 'cloudEmergency', counters: 'outpatientSlip', readAt: '2026-01-01T00:00:00Z' },
        },
      ],
    });
  });
  it('always advises in emergency mode, from the default source when the backup is the target’s own', () => {
    expect(adviseBump({ ...input, emergency: true, backupSource: 'localEmergency' })?.command).toBe(
      'orca-hybrid bump-seq --env localEmergency --from operating',
    );
    expect(adviseBump({ ...input, emergency: true, target: 'operating', defaultSource: 'localEmergency' })).toBeNull();
  });
});
