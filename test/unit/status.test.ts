import { gatherStatus, ProbeTimeout, type EnvironmentProbeResult, type StatusInput } from '../../src/core/status.js';
import { UnreachableError } from '../../src/core/errors.js';

const answer = (reportedMode: string, n: number): EnvironmentProbeResult => ({
  reportedMode,
  sequences: { outpatientSlip: n, inpatientSlip: n, patientSerial: n, patientId: n },
  version: '5.2.0',
  institutionName: 'テスト医院',
  institutionCode: '1312345678',
  warnings: [],
});

function input(overrides: Partial<StatusInput> = {}): StatusInput {
  return {
    mode: 'normal',
    selectedEmergency: 'cloud',
    urls: { operating: 'https://op', cloudEmergency: 'https://ce', localEmergency: 'http://le' },
    probes: {
      operating: async () => answer('normal', 60),
      cloudEmergency: async () => answer('normal-fa', 50),
      localEmergency: async () => answer('normal-fa', 50),
    },
    timeoutMs: 200,
    newestBackup: null,
    lastSync: null,
    lock: null,
    ...overrides,
  };
}

describe('gatherStatus', () => {
  test('reports every environment online with its counters and marks the selected one', async () => {
    const report = await gatherStatus(input());
    expect(report.environments.operating.online).toBe(true);
    expect(report.environments.operating.sequences?.outpatientSlip).toBe(60);
    expect(report.environments.cloudEmergency.selected).toBe(true);
    expect(report.environments.localEmergency.selected).toBe(false);
    expect(report.mismatches).toEqual([]);
  });

  test('a probe that never answers is reported offline by the shared deadline; the others still answer', async () => {
    let aborted = false;
    const report = await gatherStatus(
      input({
        probes: {
          operating: (signal) =>
            new Promise(() =>
              signal.addEventListener('abort', () => {
                aborted = true;
              }),
            ),
          cloudEmergency: async () => answer('normal-fa', 50),
          localEmergency: async () => answer('normal-fa', 50),
        },
      }),
    );
    expect(report.environments.operating.online).toBe(false);
    expect(report.environments.operating.error?.code).toBe('TIMEOUT');
    expect(report.environments.cloudEmergency.online).toBe(true);
    expect(aborted).toBe(true);
  });

  test('a failing probe carries its error code', async () => {
    const report = await gatherStatus(
      input({
        probes: {
          operating: async () => {
            throw new UnreachableError({ key: 'x' });
          },
          cloudEmergency: async () => answer('normal-fa', 50),
          localEmergency: async () => answer('normal-fa', 50),
        },
        describeError: (e) => (e instanceof ProbeTimeout ? 'timeout' : 'refused'),
      }),
    );
    expect(report.environments.operating.error).toEqual({ code: 'UNREACHABLE', message: 'refused' });
  });

  test('flags an environment that believes in another mode', async () => {
    const report = await gatherStatus(
      input({
        mode: 'emergency',
        probes: {
          operating: async () => answer('normal', 60),
          cloudEmergency: async () => answer('emergency-fa', 50),
          localEmergency: async () => answer('normal-fa', 50),
        },
      }),
    );
    expect(report.mismatches).toEqual([{ env: 'operating', recorded: 'emergency', reported: 'normal' }]);
    expect(report.environments.operating.mismatch).toBe(true);
    expect(report.environments.cloudEmergency.mismatch).toBe(false);
  });

  test('the emergency environment not selected should report normal-fa, also mid-outage', async () => {
    const report = await gatherStatus(
      input({
        mode: 'recovery',
        selectedEmergency: 'local',
        probes: {
          operating: async () => answer('recovery', 60),
          cloudEmergency: async () => answer('recovery-fa', 50),
          localEmergency: async () => answer('recovery-fa', 50),
        },
      }),
    );
    expect(report.environments.localEmergency.expectedMode).toBe('recovery-fa');
    expect(report.environments.cloudEmergency.expectedMode).toBe('normal-fa');
    expect(report.mismatches).toEqual([{ env: 'cloudEmergency', recorded: 'normal-fa', reported: 'recovery-fa' }]);
  });

  test('a directly reached WebORCA that sends plain normal does not report the mode: its database decides', async () => {
    const onPremises = (databaseMode: string): EnvironmentProbeResult => ({ ...answer('normal', 50), databaseMode });
    const told = await gatherStatus(
      input({
        mode: 'emergency',
        selectedEmergency: 'local',
        probes: {
          operating: async () => answer('emergency', 60),
          cloudEmergency: async () => answer('normal-fa', 50),
          localEmergency: async () => onPremises('emergency-fa'),
        },
      }),
    );
    const local = told.environments.localEmergency;
    expect([local.modeReported, local.mismatch, local.databaseMode]).toEqual([false, false, 'emergency-fa']);
    expect(told.mismatches).toEqual([]);

    const missed = await gatherStatus(
      input({
        mode: 'emergency',
        selectedEmergency: 'local',
        probes: {
          operating: async () => answer('emergency', 60),
          cloudEmergency: async () => answer('normal-fa', 50),
          localEmergency: async () => onPremises('normal-fa'),
        },
      }),
    );
    expect(missed.environments.localEmergency.modeReported).toBe(false);
    expect(missed.mismatches).toEqual([{ env: 'localEmergency', recorded: 'emergency-fa', reported: 'normal-fa' }]);
  });

  test('a directly reached WebORCA that reports the mode is judged by its header', async () => {
    const report = await gatherStatus(
      input({
        probes: {
          operating: async () => answer('normal', 60),
          cloudEmergency: async () => answer('normal-fa', 50),
          localEmergency: async () => ({ ...answer('emergency-fa', 50), databaseMode: 'normal-fa' }),
        },
      }),
    );
    expect(report.environments.localEmergency.modeReported).toBe(true);
    expect(report.mismatches).toEqual([{ env: 'localEmergency', recorded: 'normal-fa', reported: 'emergency-fa' }]);
  });
});
