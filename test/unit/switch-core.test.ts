/**
 * The mode switch's core over hand-written fakes: the state machine, the plan, the refusals before any change,
 * the order of writes (the new mode with its pending pushes first, each push forgotten once delivered), a run
 * that dies between the write and the pushes, and select during an outage.
 */
import { describe, expect, it } from '@jest/globals';
import type { CatalogEntry } from '../../src/core/backup-catalog.js';
import type { EnvironmentName, Mode } from '../../src/core/domain.js';
import {
  CancelledError,
  ExitCode,
  TlsVerificationError,
  UnreachableError,
  isOrcaError,
} from '../../src/core/errors.js';
import { expectedModes, judgeTransition, NEXT_MODE } from '../../src/core/mode-machine.js';
import { deliverPendingModePushes } from '../../src/core/mode-pushes.js';
import type { CopyableVisitsCount, StateLedger } from '../../src/core/ports.js';
import { runSelect, type SelectPlan } from '../../src/core/select-run.js';
import { defaultState, type OrcaState } from '../../src/core/state.js';
import { checkRestorePoint, type SwitchPlan } from '../../src/core/switch-plan.js';
import { runSwitch, SwitchIncompleteError, type SwitchPorts } from '../../src/core/switch-run.js';

/** The state in memory; every write is kept, so a test can look at what a killed run would have left. */
class MemoryLedger implements StateLedger {
  writes: OrcaState[] = [];
  constructor(public state: OrcaState) {}
  async read(): Promise<OrcaState> {
    return this.state;
  }
  async update(change: (state: OrcaState) => OrcaState): Promise<OrcaState> {
    const next = change(this.state);
    if (next !== this.state) this.writes.push(next);
    this.state = next;
    return next;
  }
}

interface World {
  ledger: MemoryLedger;
  pushes: Array<{ env: EnvironmentName; mode: Mode; pendingAtPush: Partial<Record<EnvironmentName, Mode>> }>;
  plans: SwitchPlan[];
  ports: SwitchPorts;
}

function world(
  state: Partial<OrcaState> = {},
  options: {
    down?: EnvironmentName[];
    /** Environments whose server certificate fails verification. */
    untrusted?: EnvironmentName[];
    refusePush?: EnvironmentName[];
    reports?: Partial<Record<EnvironmentName, string>>;
    copyable?: CopyableVisitsCount;
    confirm?: (plan: SwitchPlan) => Promise<void>;
  } = {},
): World {
  const ledger = new MemoryLedger({ ...defaultState(), ...state });
  const w: World = { ledger, pushes: [], plans: [], ports: undefined as unknown as SwitchPorts };
  const unreachable = (env: string) => new UnreachableError({ key: 'http.unreachable', params: { env } });
  w.ports = {
    ledger,
    async readMode(env) {
      if (options.down?.includes(env)) throw unreachable(env);
      if (options.untrusted?.includes(env))
        throw new TlsVerificationError({ key: 'http.tls.untrustedCaFile', params: { env } });
      return options.reports?.[env] ?? (env === 'operating' ? 'normal' : 'normal-fa');
    },
    async push(env, mode) {
      if (options.down?.includes(env) || options.refusePush?.includes(env)) throw unreachable(env);
      w.pushes.push({ env, mode, pendingAtPush: { ...ledger.state.pendingModePushes } });
    },
    copyableVisits: {
      count: async () => options.copyable ?? { kind: 'unavailable', key: 'switch.copyable.notAvailable' },
    },
    confirm:
      options.confirm ??
      (async (plan) => {
        w.plans.push(plan);
      }),
    clock: { now: () => new Date('2026-11-25T08:00:00Z') },
  };
  return w;
}

async function caught(work: Promise<unknown>): Promise<unknown> {
  try {
    await work;
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

const entry = (id: string, createdAt: string, source: CatalogEntry['source'] = 'operating'): CatalogEntry => ({
  id,
  source,
  createdAt,
  size: 10,
  sha256: 'a'.repeat(64),
  verified: true,
  verifiedAt: createdAt,
  archiveVersion: '1.15-0',
  dumpedFrom: '16.1',
  dumpedBy: '16.1',
  tocEntries: 5,
  dumpPath: `/x/${id}.dump`,
});

describe('the state machine', () => {
  it('allows only normal → emergency → recovery → normal', () => {
    expect(NEXT_MODE).toEqual({ normal: 'emergency', emergency: 'recovery', recovery: 'normal' });
    for (const [from, to] of Object.entries(NEXT_MODE))
      expect(judgeTransition({ from: from as Mode, to, force: false, reason: undefined })).toEqual({ kind: 'legal' });
  });

  it.each<[Mode, Mode]>([
    ['normal', 'recovery'],
    ['emergency', 'normal'],
    ['recovery', 'emergency'],
  ])('refuses %s → %s with exit 5 naming the legal step; --force --reason overrides', (from, to) => {
    let error: unknown;
    try {
      judgeTransition({ from, to, force: false, reason: undefined });
    } catch (e) {
      error = e;
    }
    expect(isOrcaError(error) && [error.exitCode, error.key, error.params.next]).toEqual([
      ExitCode.refused,
      'switch.illegal',
      NEXT_MODE[from],
    ]);
    expect(judgeTransition({ from, to, force: true, reason: ' drill ' })).toEqual({
      kind: 'override',
      reason: 'drill',
    });
  });

  it('--force without a reason, or a reason without --force, is a usage error; the same mode is a repeat', () => {
    for (const request of [
      { force: true, reason: undefined },
      { force: true, reason: '   ' },
      { force: false, reason: 'why' },
    ]) {
      let error: unknown;
      try {
        judgeTransition({ from: 'normal', to: 'recovery', ...request });
      } catch (e) {
        error = e;
      }
      expect(isOrcaError(error) && error.exitCode).toBe(ExitCode.usage);
    }
    expect(judgeTransition({ from: 'emergency', to: 'emergency', force: false, reason: undefined })).toEqual({
      kind: 'repeat',
    });
  });

  it('the operating and the selected emergency environment follow the mode; the other one stays normal', () => {
    expect(expectedModes('emergency', 'local')).toEqual({
      operating: 'emergency',
      cloudEmergency: 'normal',
      localEmergency: 'emergency',
    });
  });
});

describe('runSwitch', () => {
  it('writes the new mode with a pending push for each environment first, then pushes and forgets each', async () => {
    const w = world();
    const report = await runSwitch({ to: 'emergency', force: false, entries: [] }, w.ports);
    const [first] = w.ledger.writes;
    expect(first).toMatchObject({
      mode: 'emergency',
      modeChangedAt: '2026-11-25T08:00:00.000Z',
      pendingModePushes: { operating: 'emergency', cloudEmergency: 'emergency' },
    });
    // Each push happens while the state still owes it: a kill before it leaves it pending.
    for (const push of w.pushes) expect(push.pendingAtPush[push.env]).toBe(push.mode);
    expect(w.ledger.state.pendingModePushes).toEqual({});
    expect(report).toMatchObject({
      from: 'normal',
      to: 'emergency',
      pushed: ['operating', 'cloudEmergency'],
      pending: [],
      nextSteps: [
        ['restore', '--target', 'cloudEmergency', '--force'],
        ['bump-seq', '--env', 'cloudEmergency', '--from-last-known'],
      ],
    });
  });

  it('shows the plan before anything is written; a "no" leaves the state as it was', async () => {
    const w = world({}, { confirm: async () => Promise.reject(new CancelledError({ key: 'error.cancelled' })) });
    expect(await caught(runSwitch({ to: 'emergency', force: false, entries: [] }, w.ports))).toBeInstanceOf(
      CancelledError,
    );
    expect([w.ledger.writes, w.pushes]).toEqual([[], []]);
  });

  it('switch emergency: the selected emergency environment must answer (exit 3), nothing changed', async () => {
    const w = world({}, { down: ['cloudEmergency'] });
    const error = await caught(runSwitch({ to: 'emergency', force: false, entries: [] }, w.ports));
    expect(isOrcaError(error) && [error.exitCode, error.key]).toEqual([3, 'switch.unreachable.cloudEmergency']);
    expect([w.ledger.writes, w.plans]).toEqual([[], []]);
  });

  it('switch emergency: a certificate of the emergency environment that fails verification is exit 6, not 3', async () => {
    const w = world({}, { untrusted: ['cloudEmergency'] });
    const error = await caught(runSwitch({ to: 'emergency', force: false, entries: [] }, w.ports));
    expect(isOrcaError(error) && [error.exitCode, error.code]).toEqual([6, 'TLS_VERIFICATION']);
    expect([w.ledger.writes, w.plans]).toEqual([[], []]);
  });

  it('switch emergency with the operating environment down: recorded, its push pending', async () => {
    const w = world({}, { down: ['operating'] });
    const report = await runSwitch({ to: 'emergency', force: false, entries: [] }, w.ports);
    expect(w.plans[0]!.environments.find((e) => e.env === 'operating')?.reachable).toBe(false);
    expect([report.pushed, report.pending]).toEqual([['cloudEmergency'], ['operating']]);
    expect(w.ledger.state).toMatchObject({ mode: 'emergency', pendingModePushes: { operating: 'emergency' } });
  });

  it('switch recovery: the operating environment must answer (exit 3)', async () => {
    const w = world({ mode: 'emergency' }, { down: ['operating'] });
    const error = await caught(runSwitch({ to: 'recovery', force: false, entries: [] }, w.ports));
    expect(isOrcaError(error) && error.exitCode).toBe(3);
    expect(w.ledger.writes).toEqual([]);
  });

  it('--target local selects the local environment as part of switch emergency; refused mid-outage', async () => {
    const w = world();
    const report = await runSwitch({ to: 'emergency', target: 'local', force: false, entries: [] }, w.ports);
    expect(w.plans[0]!.previousSelected).toBe('cloud');
    expect(w.ledger.state.selectedEmergency).toBe('local');
    expect(report.pushed).toEqual(['operating', 'localEmergency']);
    const again = world({ mode: 'emergency' });
    const error = await caught(runSwitch({ to: 'emergency', target: 'local', force: false, entries: [] }, again.ports));
    expect(isOrcaError(error) && [error.exitCode, error.key]).toEqual([5, 'switch.targetDuringOutage']);
  });

  it('switch normal refuses while diff-copy finds copyable visits (exit 5), unless --force', async () => {
    const copyable = { kind: 'counted', copyable: 3 } as const;
    const refused = world({ mode: 'recovery' }, { copyable });
    const error = await caught(runSwitch({ to: 'normal', force: false, entries: [] }, refused.ports));
    expect(isOrcaError(error) && [error.exitCode, error.params.count]).toEqual([5, 3]);
    expect(refused.ledger.writes).toEqual([]);
    const forced = world({ mode: 'recovery' }, { copyable });
    const report = await runSwitch(
      { to: 'normal', force: true, reason: 'typed in by hand', entries: [] },
      forced.ports,
    );
    expect(report.override).toEqual({ reason: 'typed in by hand' });
    expect(forced.plans[0]!.copyable).toEqual(copyable);
  });

  it('switch normal without a counter (diff-copy not there yet) says so in the plan and does not refuse', async () => {
    const w = world({ mode: 'recovery' });
    await runSwitch({ to: 'normal', force: false, entries: [] }, w.ports);
    expect(w.plans[0]!.copyable).toEqual({ kind: 'unavailable', key: 'switch.copyable.notAvailable' });
    expect(w.ledger.state.mode).toBe('normal');
  });

  it('the emergency environment not in use is told normal only when it answers and believes otherwise', async () => {
    const stale = world({ mode: 'recovery' }, { reports: { localEmergency: 'emergency-fa' } });
    const report = await runSwitch({ to: 'normal', force: false, entries: [] }, stale.ports);
    expect(stale.plans[0]!.environments.map((e) => [e.env, e.bystander])).toEqual([
      ['operating', false],
      ['cloudEmergency', false],
      ['localEmergency', true],
    ]);
    expect(report.pushed).toEqual(['operating', 'cloudEmergency', 'localEmergency']);
    const off = world({}, { down: ['localEmergency'] });
    const quiet = await runSwitch({ to: 'emergency', force: false, entries: [] }, off.ports);
    expect([quiet.pushed, quiet.pending, off.ledger.state.pendingModePushes]).toEqual([
      ['operating', 'cloudEmergency'],
      [],
      {},
    ]);
  });

  it('a repeat asks nothing, writes no new mode and tells the environments again', async () => {
    const w = world({ mode: 'emergency', pendingModePushes: { operating: 'emergency' } });
    const report = await runSwitch({ to: 'emergency', force: false, entries: [] }, w.ports);
    expect(w.plans).toEqual([]);
    expect(report).toMatchObject({ repeat: true, pushed: ['operating', 'cloudEmergency'], pending: [] });
    expect(w.ledger.state.modeChangedAt).toBeNull();
  });

  it('the required environment refusing the push after the plan: recorded, pending, exit 8', async () => {
    const w = world({}, { refusePush: ['cloudEmergency'] });
    const error = await caught(runSwitch({ to: 'emergency', force: false, entries: [] }, w.ports));
    expect(error).toBeInstanceOf(SwitchIncompleteError);
    expect((error as SwitchIncompleteError).exitCode).toBe(8);
    expect((error as SwitchIncompleteError).report.pending).toEqual(['cloudEmergency']);
    expect(w.ledger.state).toMatchObject({ mode: 'emergency', pendingModePushes: { cloudEmergency: 'emergency' } });
  });
});

describe('pending pushes', () => {
  it('a push is forgotten only while the state still owes that same mode', async () => {
    const ledger = new MemoryLedger({ ...defaultState(), pendingModePushes: { operating: 'emergency' } });
    const report = await deliverPendingModePushes(['operating', 'cloudEmergency'], {
      ledger,
      // A newer switch records another mode while this push is on its way.
      push: async () => {
        ledger.state = { ...ledger.state, pendingModePushes: { operating: 'recovery' } };
      },
    });
    expect(report.delivered).toEqual([{ env: 'operating', mode: 'emergency' }]);
    expect(ledger.state.pendingModePushes).toEqual({ operating: 'recovery' });
  });
});

describe('restore point', () => {
  const newest = entry('b-new', '2026-11-25T01:00:00Z');
  const older = entry('a-old', '2026-11-24T01:00:00Z');
  const point = (backupId: string) => ({ backupId, restoredAt: '2026-11-25T02:00:00Z' });

  it('none, older, current, or nothing to compare with', () => {
    expect(checkRestorePoint('cloudEmergency', undefined, [older, newest]).kind).toBe('none');
    expect(checkRestorePoint('cloudEmergency', point('a-old'), [older, newest]).kind).toBe('older');
    expect(checkRestorePoint('cloudEmergency', point('b-new'), [older, newest]).kind).toBe('current');
    expect(checkRestorePoint('cloudEmergency', point('gone'), [newest]).kind).toBe('older');
    expect(checkRestorePoint('cloudEmergency', point('a-old'), []).kind).toBe('noBackup');
    // A safety dump of the environment itself is a way back, not the newest backup.
    const own = entry('c-own', '2026-11-26T00:00:00Z', 'cloudEmergency');
    expect(checkRestorePoint('cloudEmergency', point('b-new'), [newest, own]).kind).toBe('current');
  });

  it('a current restore point drops restore from the next steps', async () => {
    const w = world({ restorePoints: { cloudEmergency: point('b-new') } });
    const report = await runSwitch({ to: 'emergency', force: false, entries: [older, newest] }, w.ports);
    expect(report.nextSteps).toEqual([['bump-seq', '--env', 'cloudEmergency', '--from-last-known']]);
  });
});

describe('runSelect', () => {
  function selectWorld(state: Partial<OrcaState>, confirm?: (plan: SelectPlan) => Promise<void>) {
    const ledger = new MemoryLedger({ ...defaultState(), ...state });
    const pushes: Array<[EnvironmentName, Mode]> = [];
    const plans: SelectPlan[] = [];
    const ports = {
      ledger,
      push: async (env: EnvironmentName, mode: Mode) => void pushes.push([env, mode]),
      confirm: confirm ?? (async (plan: SelectPlan) => void plans.push(plan)),
    };
    return { ledger, pushes, plans, ports };
  }

  it('in normal mode: changes the selection, asks nothing, tells nobody', async () => {
    const w = selectWorld({});
    const report = await runSelect({ choice: 'local' }, w.ports);
    expect([report.selectedEmergency, report.previous, w.plans, w.pushes]).toEqual(['local', 'cloud', [], []]);
  });

  it('mid-outage: asks, then tells the new one the mode and the one left normal', async () => {
    const w = selectWorld({ mode: 'emergency' });
    const report = await runSelect({ choice: 'local' }, w.ports);
    expect(w.plans[0]!.tell).toEqual([
      { env: 'cloudEmergency', mode: 'normal' },
      { env: 'localEmergency', mode: 'emergency' },
    ]);
    expect(w.pushes.sort()).toEqual([
      ['cloudEmergency', 'normal'],
      ['localEmergency', 'emergency'],
    ]);
    expect(report.pending).toEqual([]);
    expect(w.ledger.writes[0]).toMatchObject({
      selectedEmergency: 'local',
      pendingModePushes: { cloudEmergency: 'normal', localEmergency: 'emergency' },
    });
  });

  it('mid-outage, a "no" changes nothing', async () => {
    const w = selectWorld({ mode: 'recovery' }, async () => {
      throw new CancelledError({ key: 'error.cancelled' });
    });
    expect(await caught(runSelect({ choice: 'local' }, w.ports))).toBeInstanceOf(CancelledError);
    expect(w.ledger.writes).toEqual([]);
  });
});
