/** The `vm` use cases over in-memory fakes: start, stop, rebuild, status, the version verdict. */
import { describe, expect, it } from '@jest/globals';
import { ConfigError, ExitCode, GuardError, isOrcaError, UnreachableError } from '../../src/core/errors.js';
import { pollUntil } from '../../src/core/vm-wait.js';
import { startVm } from '../../src/core/vm-start.js';
import { stopVm } from '../../src/core/vm-stop.js';
import { rebuildVm, type VmRebuildOptions, type VmRebuildPorts } from '../../src/core/vm-rebuild.js';
import { RESTORE_POINT_MARGIN_MS, type VmRebuildPlan } from '../../src/core/vm-rebuild-plan.js';
import { describeVm, readVmStatus } from '../../src/core/vm-status.js';
import { judgeVersions } from '../../src/core/vm-versions.js';
import { expectedForwardsFor, type ExpectedForward } from '../../src/core/vm-checks.js';
import { FakeGuest, FakeHypervisor, FakeTime, FakeVmDatabase, FakeWebOrca } from '../helpers/fake-vm.js';

const FORWARDS: ExpectedForward[] = [
  { purpose: 'database', hostPort: 15432 },
  { purpose: 'webOrca', hostPort: 18000 },
];
const explain = (error: unknown): string => (isOrcaError(error) ? error.key : String(error));

async function caught(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

function world() {
  const time = new FakeTime();
  const vm = new FakeHypervisor();
  const webOrca = new FakeWebOrca(vm);
  const events: string[] = [];
  return { time, vm, webOrca, events };
}

describe('expectedForwardsFor', () => {
  it('expects forwards only for what the config reaches on this computer', () => {
    expect(
      expectedForwardsFor({ database: { host: '127.0.0.1', port: 15432 }, orcaApiUrl: 'http://localhost:18000' }),
    ).toEqual(FORWARDS);
    expect(
      expectedForwardsFor({ database: { host: '192.168.10.20', port: 5432 }, orcaApiUrl: 'http://127.0.0.1' }),
    ).toEqual([{ purpose: 'webOrca', hostPort: 80 }]);
  });
});

describe('pollUntil', () => {
  it('asks until done, sleeping the interval, and measures with the clock', async () => {
    const time = new FakeTime();
    const outcome = await pollUntil(async (n) => (n === 3 ? { done: true, value: 'x' } : { done: false }), {
      clock: time.clock,
      sleeper: time.sleeper,
      timeoutMs: 60_000,
      intervalMs: 2000,
    });
    expect(outcome).toEqual({ kind: 'done', value: 'x', elapsedMs: 4000, attempts: 3 });
    expect(time.sleeps).toEqual([2000, 2000]);
  });

  it('stops at the deadline with the last error, the last sleep cut to what is left', async () => {
    const time = new FakeTime();
    const outcome = await pollUntil(async (n) => ({ done: false, error: `no ${n}` }), {
      clock: time.clock,
      sleeper: time.sleeper,
      timeoutMs: 5000,
      intervalMs: 2000,
    });
    expect(outcome).toEqual({ kind: 'timedOut', elapsedMs: 5000, attempts: 4, lastError: 'no 4' });
    expect(time.sleeps).toEqual([2000, 2000, 1000]);
  });
});

describe('startVm', () => {
  const run = (w: ReturnType<typeof world>, timeoutMs = 180_000) =>
    startVm(
      { timeoutMs, expectedForwards: FORWARDS },
      {
        hypervisor: w.vm,
        webOrca: w.webOrca,
        clock: w.time.clock,
        sleeper: w.time.sleeper,
        explain,
        events: {
          starting: () => w.events.push('starting'),
          alreadyRunning: () => w.events.push('alreadyRunning'),
          waitingForWebOrca: () => w.events.push('waiting'),
        },
      },
    );

  it('starts an off VM and waits until WebORCA answers', async () => {
    const w = world();
    w.webOrca.failPings = 2;
    const report = await run(w);
    expect(report).toEqual({ outcome: 'started', seconds: 4, webOrcaSeconds: 4 });
    expect(w.vm.calls).toEqual(['observe', 'portForwards', 'start']);
    expect(w.webOrca.pings).toBe(3);
    expect(w.events).toEqual(['starting', 'waiting']);
  });

  it('says so when the VM already runs, and still waits for WebORCA', async () => {
    const w = world();
    w.vm.power = 'running';
    w.webOrca.failPings = 0;
    const report = await run(w);
    expect(report.outcome).toBe('alreadyRunning');
    expect(w.vm.calls).not.toContain('start');
    expect(w.events).toEqual(['alreadyRunning', 'waiting']);
  });

  it('times out with exit 3 and the elapsed time when WebORCA never answers', async () => {
    const w = world();
    w.webOrca.never = true;
    const error = await caught(() => run(w, 30_000));
    expect(error).toBeInstanceOf(UnreachableError);
    expect((error as UnreachableError).key).toBe('vm.webOrca.timedOut');
    expect((error as UnreachableError).params).toEqual({ seconds: 30, elapsed: 30 });
    expect((error as UnreachableError).details).toEqual(['http.refused']);
  });

  it('refuses before starting when a NAT forward the config relies on is missing', async () => {
    const w = world();
    w.vm.forwards = w.vm.forwards!.slice(0, 1);
    const error = await caught(() => run(w));
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).params).toEqual({ name: 'orca-vm', ports: '18000' });
    expect(w.vm.calls).not.toContain('start');
  });

  it('names the VM when the hypervisor does not know it (exit 2)', async () => {
    const w = world();
    w.vm.power = 'missing';
    const error = await caught(() => run(w));
    expect((error as ConfigError).key).toBe('vm.notFound');
    expect((error as ConfigError).hintKey).toBe('vm.notFound.hint.virtualbox');
    expect((error as ConfigError).exitCode).toBe(ExitCode.usage);
  });

  it('refuses a paused VM (exit 5)', async () => {
    const w = world();
    w.vm.power = 'paused';
    expect(((await caught(() => run(w))) as GuardError).key).toBe('vm.start.badState');
  });
});

describe('stopVm', () => {
  const run = (w: ReturnType<typeof world>, force: boolean, answer = false) => {
    const asked: number[] = [];
    const promise = stopVm(
      { timeoutMs: 60_000, force },
      {
        hypervisor: w.vm,
        clock: w.time.clock,
        sleeper: w.time.sleeper,
        events: {
          shutdownRequested: () => w.events.push('requested'),
          poweringOff: () => w.events.push('poweringOff'),
        },
        confirmPowerOff: async (elapsed) => {
          asked.push(elapsed);
          return answer;
        },
      },
    );
    return { promise, asked };
  };

  it('shuts the guest down gracefully and polls until it is off', async () => {
    const w = world();
    w.vm.power = 'running';
    w.vm.shutdownAfterPolls = 3;
    const { promise, asked } = run(w, false);
    expect(await promise).toEqual({ outcome: 'stopped', seconds: 6 });
    expect(w.vm.calls.filter((c) => c === 'powerOff')).toEqual([]);
    expect(asked).toEqual([]);
  });

  it('pulls the power after the timeout with --force', async () => {
    const w = world();
    w.vm.power = 'running';
    w.vm.shutdownAfterPolls = null;
    const { promise, asked } = run(w, true);
    expect(await promise).toEqual({ outcome: 'poweredOff', seconds: 60 });
    expect(w.vm.calls.at(-1)).toBe('powerOff');
    expect(asked).toEqual([]);
    expect(w.events).toEqual(['requested', 'poweringOff']);
  });

  it('asks before pulling the power, and leaves the VM running (exit 3) when the answer is no', async () => {
    const w = world();
    w.vm.power = 'running';
    w.vm.shutdownAfterPolls = null;
    const { promise, asked } = run(w, false, false);
    const error = await caught(() => promise);
    expect((error as UnreachableError).key).toBe('vm.stop.timedOut');
    expect((error as UnreachableError).params).toEqual({ name: 'orca-vm', elapsed: 60 });
    expect(asked).toEqual([60]);
    expect(w.vm.power).toBe('running');
  });

  it('powers off when the person says yes', async () => {
    const w = world();
    w.vm.power = 'running';
    w.vm.shutdownAfterPolls = null;
    expect((await run(w, false, true).promise).outcome).toBe('poweredOff');
  });

  it('reports a VM already off without touching it', async () => {
    const w = world();
    expect((await run(w, false).promise).outcome).toBe('alreadyStopped');
    expect(w.vm.calls).toEqual(['observe']);
  });
});

describe('rebuildVm', () => {
  function rebuildWorld() {
    const w = world();
    const database = new FakeVmDatabase(w.vm);
    const guest = new FakeGuest();
    const plans: VmRebuildPlan[] = [];
    let offered = 0;
    const ports: VmRebuildPorts = {
      hypervisor: w.vm,
      webOrca: w.webOrca,
      database,
      guest,
      confirm: async (plan) => void plans.push(plan),
      forgetRestorePoint: async () => void w.events.push('forgot restore point'),
      offerRestore: async () => {
        offered += 1;
        return { kind: 'restored', backupId: 'operating-newest', safetyBackupId: null };
      },
      events: {
        stepStarted: (step, detail) => w.events.push(detail ? `${step} ${detail.index}/${detail.count}` : step),
        stepFinished: (record) => w.events.push(`${record.step} done`),
        interrupted: (done, safety) => w.events.push(`interrupted after ${done.length} (${safety})`),
      },
      clock: w.time.clock,
      sleeper: w.time.sleeper,
      explain,
    };
    const options: VmRebuildOptions = {
      snapshot: 'clean',
      startTimeoutMs: 180_000,
      updateSteps: [['sudo', 'weborca-install']],
      updateTimeoutMs: 1_800_000,
      state: { mode: 'normal', selectedEmergency: 'cloud', restorePoints: {} },
      force: false,
      expectedForwards: FORWARDS,
    };
    return { ...w, database, guest, plans, ports, options, offered: () => offered };
  }

  it('runs every step in order on a running VM without entered data', async () => {
    const w = rebuildWorld();
    w.vm.power = 'running';
    w.options.state.restorePoints = {
      localEmergency: { backupId: 'operating-1', restoredAt: '2026-07-31T00:00:00.000Z' },
    };
    const report = await rebuildVm(w.options, w.ports);
    expect(report.steps.map((s) => s.step)).toEqual([
      'inspect',
      'powerOff',
      'snapshot',
      'start',
      'update',
      'verify',
      'restore',
    ]);
    expect(report.safetyBackupId).toBeNull();
    expect(report.entriesFound).toBe(0);
    expect(report.versions.current).toBe(true);
    expect(report.restore).toEqual({ kind: 'restored', backupId: 'operating-newest', safetyBackupId: null });
    expect(w.database.asked).toEqual([new Date(Date.parse('2026-07-31T00:00:00.000Z') - RESTORE_POINT_MARGIN_MS)]);
    expect(w.vm.calls.filter((c) => c !== 'observe' && c !== 'portForwards')).toEqual([
      'snapshots',
      'powerOff',
      'restoreSnapshot clean',
      'start',
    ]);
    expect(w.guest.ran).toEqual([['sudo', 'weborca-install']]);
    expect(w.plans[0]).toMatchObject({ startsToInspect: false, activeEmergency: false, updateSteps: 1 });
    expect(w.events).toContain('update 1/1');
    expect(w.events.indexOf('forgot restore point')).toBe(w.events.indexOf('snapshot done') - 1);
  });

  it('takes a safety dump when the database holds entries newer than the restore point', async () => {
    const w = rebuildWorld();
    w.vm.power = 'running';
    w.database.rows = 3;
    const report = await rebuildVm(w.options, w.ports);
    expect(report.safetyBackupId).toBe('localEmergency-safety-1');
    expect(report.steps.map((s) => s.step)).toContain('safetyDump');
    expect(w.database.asked).toEqual([null]);
  });

  it('dumps databases earlier restores kept without a dump, since the snapshot discards them', async () => {
    const w = rebuildWorld();
    w.vm.power = 'running';
    w.database.kept = ['orca_orcahy_old_20260801T000000Z'];
    const report = await rebuildVm(w.options, w.ports);
    expect(report.safetyBackupId).toBeNull();
    expect(report.keptBackupIds).toEqual(['dump-of-orca_orcahy_old_20260801T000000Z']);
    expect(report.steps.map((s) => s.step)).toContain('safetyDump');
  });

  it('starts an off VM to inspect its database, and says so in the plan', async () => {
    const w = rebuildWorld();
    const report = await rebuildVm(w.options, w.ports);
    expect(w.plans[0]!.startsToInspect).toBe(true);
    expect(w.vm.calls.filter((c) => c === 'start')).toHaveLength(2);
    expect(report.entriesFound).toBe(0);
  });

  it('refuses to rebuild the environment in use without --force, before touching it', async () => {
    const w = rebuildWorld();
    w.vm.power = 'running';
    w.options.state = { mode: 'emergency', selectedEmergency: 'local', restorePoints: {} };
    const error = await caught(() => rebuildVm(w.options, w.ports));
    expect((error as GuardError).key).toBe('vm.rebuild.guard.activeEmergency');
    expect(w.plans).toEqual([]);
    expect(w.vm.calls).toEqual(['observe', 'snapshots']);
  });

  it('with --force on the environment in use, always takes a safety dump', async () => {
    const w = rebuildWorld();
    w.vm.power = 'running';
    w.options.state = { mode: 'emergency', selectedEmergency: 'local', restorePoints: {} };
    w.options.force = true;
    const report = await rebuildVm(w.options, w.ports);
    expect(report.safetyBackupId).toBe('localEmergency-safety-1');
  });

  it('refuses a database it cannot check unless forced, and never while it is the environment in use', async () => {
    const w = rebuildWorld();
    w.vm.power = 'running';
    w.database.unreachable = true;
    const error = await caught(() => rebuildVm(w.options, w.ports));
    expect((error as GuardError).key).toBe('vm.rebuild.uninspectable');
    expect(w.vm.calls).not.toContain('powerOff');

    const forced = rebuildWorld();
    forced.vm.power = 'running';
    forced.database.unreachable = true;
    forced.options.force = true;
    const report = await rebuildVm(forced.options, forced.ports);
    expect(report.entriesFound).toBeNull();
    expect(report.safetyBackupId).toBeNull();

    const active = rebuildWorld();
    active.vm.power = 'running';
    active.database.unreachable = true;
    active.options.force = true;
    active.options.state = { mode: 'recovery', selectedEmergency: 'local', restorePoints: {} };
    expect(((await caught(() => rebuildVm(active.options, active.ports))) as GuardError).key).toBe(
      'vm.rebuild.guard.noSafetyDump',
    );
    expect(active.vm.calls).not.toContain('powerOff');
  });

  it('refuses a snapshot the VM does not have, listing those it has (exit 2)', async () => {
    const w = rebuildWorld();
    w.vm.snapshotList = ['base', 'old'];
    const error = await caught(() => rebuildVm(w.options, w.ports));
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).details).toEqual(['base, old']);
    expect(w.plans).toEqual([]);
  });

  it('stops at a failing update step with its output, reporting what was done', async () => {
    const w = rebuildWorld();
    w.vm.power = 'running';
    w.options.updateSteps = [['true'], ['sudo', 'weborca-install']];
    w.guest.failAt = 2;
    const error = await caught(() => rebuildVm(w.options, w.ports));
    expect((error as UnreachableError).key).toBe('vm.rebuild.updateFailed');
    expect((error as UnreachableError).params).toMatchObject({ index: 2, count: 2, exitCode: 2 });
    expect((error as UnreachableError).details).toEqual(['weborca-install: failed']);
    expect(w.events.at(-1)).toBe('interrupted after 4 (null)');
    expect(w.offered()).toBe(0);
  });

  it('fails verification (exit 6) when systeminfv2 reports programs or masters behind', async () => {
    const w = rebuildWorld();
    w.vm.power = 'running';
    w.webOrca.versionsAnswer = {
      ...w.webOrca.versionsAnswer,
      masters: [{ name: '点数マスタ', local: 'R-1', latest: 'R-2' }],
    };
    const error = await caught(() => rebuildVm(w.options, w.ports));
    expect((error as GuardError).exitCode).toBe(ExitCode.verification);
    expect((error as GuardError).details).toEqual(['master 点数マスタ: R-1 ≠ R-2']);
    expect(w.offered()).toBe(0);
  });
});

describe('judgeVersions', () => {
  it('keeps both values of every comparison; programs not done are behind', () => {
    const verdict = judgeVersions({
      jmaReceiptVersion: '050200-1',
      database: { local: 'S-1', latest: 'S-2' },
      masters: [],
      programs: [
        { date: '2026-07-01', state: '未', comment: '' },
        { date: '2026-06-01', state: '済', comment: '' },
        { date: '', state: '', comment: '' },
      ],
    });
    expect(verdict.current).toBe(false);
    expect(verdict.checks.map((c) => [c.item, c.ok])).toEqual([
      ['database', false],
      ['program', false],
      ['program', true],
    ]);
  });
});

describe('vm status', () => {
  it('describes a missing VM as a state, not an error', async () => {
    const w = world();
    w.vm.power = 'missing';
    expect(await describeVm(w.vm)).toEqual({
      provider: 'virtualbox',
      name: 'orca-vm',
      state: 'notFound',
      detail: null,
      maybeNotElevated: false,
    });
  });

  it('reports missing forwards and asks WebORCA only while the VM runs', async () => {
    const w = world();
    w.vm.forwards = [];
    const off = await readVmStatus({ expectedForwards: FORWARDS }, { hypervisor: w.vm, webOrca: w.webOrca, explain });
    expect(off).toMatchObject({ state: 'off', missingForwards: [15432, 18000], webOrca: null });
    w.vm.power = 'running';
    const on = await readVmStatus({ expectedForwards: FORWARDS }, { hypervisor: w.vm, webOrca: w.webOrca, explain });
    expect(on.webOrca).toEqual({ answering: false, error: 'http.refused' });
  });
});
