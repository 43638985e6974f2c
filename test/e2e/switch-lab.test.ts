/**
 * `switch` and `select` through the built binary against the lab: the manual's cycle with `X-Hybridmode` read
 * from every environment after each step, the refusals, the go-ahead, pending pushes delivered later, two
 * switches at once, a run killed between its state write and its pushes, and a person answering at a terminal.
 */
import { execa } from 'execa';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parse, stringify } from 'yaml';
import { BIN, runCli, type CliRun } from '../helpers/cli.js';
import { startLab, type LabFixture } from '../helpers/lab.js';
import { hybridModes, labStateDir, resetModes, setFaults } from '../helpers/lab-modes.js';
import { journalLines, readState, writeState } from '../helpers/state-files.js';

let lab: LabFixture;
let stateDir: string;

beforeAll(async () => {
  lab = await startLab({ patients: 12, days: 3 });
  stateDir = labStateDir(lab);
}, 240_000);

afterAll(async () => {
  await lab?.stop();
});

beforeEach(async () => {
  await resetModes(lab);
});

interface SwitchJson {
  from: string;
  to: string;
  pushed: string[];
  pending: string[];
  nextSteps: string[];
}

async function switchTo(mode: string, ...extra: string[]): Promise<CliRun & { doc: SwitchJson }> {
  const run = await lab.run(['switch', mode, '--yes', '--json', ...extra]);
  return { ...run, doc: JSON.parse(run.stdout) as SwitchJson };
}

const stateText = () => readFileSync(join(stateDir, 'state.json'), 'utf8');

describe('the manual cycle, X-Hybridmode on every environment after each step', () => {
  test('with the cloud emergency environment', async () => {
    expect(await hybridModes(lab)).toEqual({
      operating: 'normal',
      cloudEmergency: 'normal-fa',
      localEmergency: 'normal-fa',
    });
    const emergency = await switchTo('emergency');
    expect([emergency.code, emergency.doc]).toMatchObject([
      0,
      {
        from: 'normal',
        to: 'emergency',
        pushed: ['operating', 'cloudEmergency'],
        pending: [],
        nextSteps: [
          'orca-hybrid restore --target cloudEmergency --force',
          'orca-hybrid bump-seq --env cloudEmergency --from-last-known',
        ],
      },
    ]);
    expect(emergency.stderr).toContain('Plan: normal mode → emergency mode');
    expect(await hybridModes(lab)).toEqual({
      operating: 'emergency',
      cloudEmergency: 'emergency-fa',
      localEmergency: 'normal-fa',
    });

    const recovery = await switchTo('recovery');
    expect([recovery.code, recovery.doc.pushed, recovery.doc.nextSteps]).toEqual([
      0,
      ['operating', 'cloudEmergency'],
      [
        'orca-hybrid bump-seq --env operating --from cloudEmergency',
        'orca-hybrid diff-copy',
        'orca-hybrid switch normal',
      ],
    ]);
    expect(await hybridModes(lab)).toEqual({
      operating: 'recovery',
      cloudEmergency: 'recovery-fa',
      localEmergency: 'normal-fa',
    });

    const normal = await switchTo('normal');
    expect(normal.code).toBe(0);
    expect(normal.stderr).toContain('diff-copy is not part of this release');
    expect(await hybridModes(lab)).toEqual({
      operating: 'normal',
      cloudEmergency: 'normal-fa',
      localEmergency: 'normal-fa',
    });

    const lines = journalLines(stateDir);
    expect(lines.map((l) => [l.command, l.outcome, l.after.mode])).toEqual([
      ['switch emergency', 'ok', 'emergency'],
      ['switch recovery', 'ok', 'recovery'],
      ['switch normal', 'ok', 'normal'],
    ]);
    expect(lines[0]!.after.pushed).toEqual(['operating', 'cloudEmergency']);
    const status = JSON.parse((await lab.run(['status', '--json'])).stdout) as { mode: string; mismatches: unknown[] };
    expect([status.mode, status.mismatches]).toEqual(['normal', []]);
  });

  test('with the local emergency environment (its mode in the tool table of its database)', async () => {
    const emergency = await switchTo('emergency', '--target', 'local');
    expect([emergency.code, emergency.doc.pushed]).toEqual([0, ['operating', 'localEmergency']]);
    expect(readState(stateDir).selectedEmergency).toBe('local');
    expect(await hybridModes(lab)).toEqual({
      operating: 'emergency',
      cloudEmergency: 'normal-fa',
      localEmergency: 'emergency-fa',
    });
    expect((await switchTo('recovery')).code).toBe(0);
    expect(await hybridModes(lab)).toEqual({
      operating: 'recovery',
      cloudEmergency: 'normal-fa',
      localEmergency: 'recovery-fa',
    });
    expect((await switchTo('normal')).code).toBe(0);
    expect(await hybridModes(lab)).toEqual({
      operating: 'normal',
      cloudEmergency: 'normal-fa',
      localEmergency: 'normal-fa',
    });
  });
});

describe('refusals before any change', () => {
  test.each([
    ['normal', 'recovery', 'emergency'],
    ['emergency', 'normal', 'recovery'],
    ['recovery', 'emergency', 'normal'],
  ])('%s → %s is refused with exit 5 naming %s; nothing changes', async (from, to, next) => {
    writeState(stateDir, { mode: from, selectedEmergency: 'cloud' });
    const before = stateText();
    const modes = await hybridModes(lab);
    const run = await lab.run(['switch', to, '--yes']);
    expect(run.code).toBe(5);
    expect(run.stderr).toContain(`Cannot switch from ${from} to ${to}`);
    expect(run.stderr).toMatch(new RegExp(`\`(orca-hybrid|node bin\\/orca-hybrid\\.js) switch ${next}\``));
    expect(stateText()).toBe(before);
    expect(await hybridModes(lab)).toEqual(modes);
    expect(journalLines(stateDir).map((l) => [l.command, l.exitCode, l.error?.code])).toEqual([
      [`switch ${to}`, 5, 'REFUSED'],
    ]);
  });

  test('--force --reason overrides an illegal step, journaled with the reason; --force alone is exit 2', async () => {
    expect((await lab.run(['switch', 'recovery', '--yes', '--force'])).code).toBe(2);
    const forced = await switchTo('recovery', '--force', '--reason', 'drill: operating never failed');
    expect([forced.code, forced.doc.from, forced.doc.to]).toEqual([0, 'normal', 'recovery']);
    expect(forced.stderr).toContain('Override (--force)');
    expect((await hybridModes(lab)).operating).toBe('recovery');
    const line = journalLines(stateDir).at(-1)!;
    expect(line.after).toMatchObject({ mode: 'recovery', 'override.reason': 'drill: operating never failed' });
  });

  test('without --yes and without a terminal: exit 2, the plan shown, nothing changed', async () => {
    writeState(stateDir, { mode: 'normal', selectedEmergency: 'cloud' });
    const before = stateText();
    const run = await lab.run(['switch', 'emergency']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Plan: normal mode → emergency mode');
    expect(run.stderr).toContain('Pass --yes');
    expect(stateText()).toBe(before);
    expect(await hybridModes(lab)).toEqual({
      operating: 'normal',
      cloudEmergency: 'normal-fa',
      localEmergency: 'normal-fa',
    });
    const json = await lab.run(['switch', 'emergency', '--json']);
    expect([json.code, (JSON.parse(json.stdout) as { error: { exitCode: number } }).error.exitCode]).toEqual([2, 2]);
  });

  test('switch emergency with the selected emergency environment down: exit 3, nothing changed', async () => {
    expect((await lab.lab(['outage', 'cloudEmergency'])).code).toBe(0);
    try {
      const run = await lab.run(['switch', 'emergency', '--yes', '--timeout', '3s']);
      expect(run.code).toBe(3);
      expect(run.stderr).toContain('Cannot switch to emergency mode: the cloud emergency environment does not answer');
      expect(existsSync(join(stateDir, 'state.json'))).toBe(false);
    } finally {
      await lab.lab(['recover', 'cloudEmergency']);
    }
  });
});

describe('pending pushes', () => {
  test('switch emergency with the operating environment down: pending, delivered by status after lab recover', async () => {
    expect((await lab.lab(['outage', 'operating'])).code).toBe(0);
    let switched: CliRun & { doc: SwitchJson };
    try {
      switched = await switchTo('emergency');
    } finally {
      await lab.lab(['recover', 'operating']);
    }
    expect([switched.code, switched.doc.pushed, switched.doc.pending]).toEqual([0, ['cloudEmergency'], ['operating']]);
    expect(readState(stateDir).pendingModePushes).toEqual({ operating: 'emergency' });
    // Back, but still believing the old mode until a command reaches it.
    expect((await hybridModes(lab)).operating).toBe('normal');
    const status = await lab.run(['status', '--json']);
    expect(status.code).toBe(0);
    expect(status.stderr).toContain('Told the operating environment the recorded mode');
    const report = JSON.parse(status.stdout) as { mismatches: unknown[]; pendingModePushes: object };
    expect([report.mismatches, report.pendingModePushes]).toEqual([[], {}]);
    expect((await hybridModes(lab)).operating).toBe('emergency');
    expect(readState(stateDir).pendingModePushes).toEqual({});
    const line = journalLines(stateDir).at(-1)!;
    expect([line.command, line.after['modePushes.delivered.operating']]).toEqual(['status', 'emergency']);
  });

  test('a run killed between its state write and its pushes leaves them pending; the next command delivers', async () => {
    // Every answer takes 2 s: the probes, then — after the state write — the pushes.
    for (const env of ['operating', 'cloudEmergency'] as const) await setFaults(lab, env, { delayMs: 2_000 });
    const child = execa('node', [BIN, '--config', lab.config, 'switch', 'emergency', '--yes'], { reject: false });
    try {
      for (let i = 0; i < 400 && !stateHas('emergency'); i += 1) await sleep(25);
      expect(stateHas('emergency')).toBe(true);
      child.kill('SIGKILL');
      await child;
    } finally {
      for (const env of ['operating', 'cloudEmergency'] as const) await setFaults(lab, env, { delayMs: 0 });
    }
    expect(readState(stateDir)).toMatchObject({
      mode: 'emergency',
      pendingModePushes: { operating: 'emergency', cloudEmergency: 'emergency' },
    });
    const status = await lab.run(['status', '--json']);
    expect(status.code).toBe(0);
    expect(readState(stateDir).pendingModePushes).toEqual({});
    expect(await hybridModes(lab)).toMatchObject({ operating: 'emergency', cloudEmergency: 'emergency-fa' });
  });

  test('select mid-outage: exit 2 without --yes; with it the new one is told the mode, the one left normal', async () => {
    expect((await switchTo('emergency')).code).toBe(0);
    const refused = await lab.run(['select', 'local']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('stays there and is not moved');
    expect(readState(stateDir).selectedEmergency).toBe('cloud');
    const selected = await lab.run(['select', 'local', '--yes', '--json']);
    expect([selected.code, JSON.parse(selected.stdout)]).toEqual([
      0,
      { selectedEmergency: 'local', previous: 'cloud', pushed: ['cloudEmergency', 'localEmergency'], pending: [] },
    ]);
    expect(await hybridModes(lab)).toEqual({
      operating: 'emergency',
      cloudEmergency: 'normal-fa',
      localEmergency: 'emergency-fa',
    });
  });
});

test('select local mid-outage while its VM is off: its push waits, and vm start delivers it', async () => {
  expect((await switchTo('emergency')).code).toBe(0);
  expect((await lab.run(['vm', 'stop'])).code).toBe(0);
  try {
    const selected = await lab.run(['select', 'local', '--yes', '--json']);
    expect([selected.code, JSON.parse(selected.stdout)]).toEqual([
      0,
      { selectedEmergency: 'local', previous: 'cloud', pushed: ['cloudEmergency'], pending: ['localEmergency'] },
    ]);
  } finally {
    const started = await lab.run(['vm', 'start']);
    expect([started.code, started.stderr]).toEqual([
      0,
      expect.stringContaining('Told the local emergency environment'),
    ]);
  }
  expect(readState(stateDir).pendingModePushes).toEqual({});
  expect(await hybridModes(lab)).toEqual({
    operating: 'emergency',
    cloudEmergency: 'normal-fa',
    localEmergency: 'emergency-fa',
  });
}, 120_000);

/** An HTTP proxy to the local stand-in that sends `X-Hybridmode: normal` always, as WebORCA on-premises does. */
async function plainNormalProxy(target: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const upstream = httpRequest(
      new URL(req.url ?? '/', target),
      { method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, { ...answer.headers, 'x-hybridmode': 'normal' });
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

test('a WebORCA on-premises that always sends plain normal: "mode not reported by this server", its database decides', async () => {
  const config = parse(readFileSync(lab.config, 'utf8')) as {
    environments: { localEmergency: { orcaApiUrl: string } };
  };
  const proxy = await plainNormalProxy(config.environments.localEmergency.orcaApiUrl);
  try {
    config.environments.localEmergency.orcaApiUrl = proxy.url;
    const variant = join(lab.dir, 'plain-normal.yaml');
    writeFileSync(variant, stringify(config), { mode: 0o600 });
    const run = (args: string[]) => runCli(['--config', variant, ...args], { timeoutMs: 120_000 });
    expect((await run(['switch', 'emergency', '--target', 'local', '--yes'])).code).toBe(0);
    const status = JSON.parse((await run(['status', '--json'])).stdout) as {
      environments: Record<
        string,
        { reportedMode: string; modeReported: boolean; databaseMode: string; mismatch: boolean }
      >;
      mismatches: unknown[];
    };
    expect(status.environments.localEmergency).toMatchObject({
      reportedMode: 'normal',
      modeReported: false,
      databaseMode: 'emergency-fa',
      mismatch: false,
    });
    expect(status.mismatches).toEqual([]);
    expect((await run(['status'])).stdout).toContain('mode not reported by this server');
  } finally {
    await proxy.close();
  }
});

function stateHas(mode: string): boolean {
  try {
    return (readState(stateDir) as { mode?: string }).mode === mode;
  } catch {
    return false;
  }
}

test('two switches at once: exactly one succeeds, the other finds the lock (exit 7)', async () => {
  await setFaults(lab, 'cloudEmergency', { delayMs: 1_500 });
  try {
    const runs = await Promise.all([1, 2].map(() => lab.run(['switch', 'emergency', '--yes', '--json'])));
    expect(runs.map((r) => r.code).sort()).toEqual([0, 7]);
    const locked = runs.find((r) => r.code === 7)!;
    expect((JSON.parse(locked.stdout) as { error: { code: string } }).error.code).toBe('LOCKED');
  } finally {
    await setFaults(lab, 'cloudEmergency', { delayMs: 0 });
  }
  // A run that never held the lock changed nothing and is not journaled.
  expect(journalLines(stateDir).map((l) => [l.command, l.exitCode])).toEqual([['switch emergency', 0]]);
});

test('at a terminal the plan is shown and the question asked; "n" changes nothing, "y" switches', async () => {
  const answer = async (key: string): Promise<{ code: number; output: string }> => {
    // `script` gives the binary a real pseudo-terminal for stdin and stdout.
    const command = `node ${BIN} --config ${lab.config} switch emergency`;
    const child = execa('script', ['-q', '-e', '-c', command, '/dev/null'], {
      reject: false,
      env: { LANG: 'C', NO_COLOR: '1', TERM: 'dumb' },
    });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    for (let i = 0; i < 400 && !output.includes('Switch to emergency mode now?'); i += 1) await sleep(25);
    child.stdin!.write(key);
    await sleep(200);
    child.stdin!.write('\r');
    const done = await child;
    return { code: done.exitCode ?? -1, output };
  };
  const no = await answer('n');
  expect(no.output).toContain('Plan: normal mode → emergency mode');
  expect(no.code).toBe(130);
  expect(stateHas('normal') || !existsSync(join(stateDir, 'state.json'))).toBe(true);
  const yes = await answer('y');
  expect(yes.code).toBe(0);
  expect(yes.output).toContain('Switched: normal mode → emergency mode.');
  expect((await hybridModes(lab)).operating).toBe('emergency');
}, 60_000);

test('the next step after switch emergency: a restore replaces the database, the environment is told its mode again', async () => {
  expect((await lab.run(['sync'])).code).toBe(0);
  const switched = await switchTo('emergency', '--target', 'local');
  expect(switched.doc.nextSteps[0]).toBe('orca-hybrid restore --target localEmergency --force');
  const restore = await lab.run(['restore', '--target', 'localEmergency', '--force', '--yes', '--json'], {
    timeoutMs: 180_000,
  });
  expect([restore.code, restore.stderr]).toEqual([0, expect.stringContaining('Told the local emergency environment')]);
  // The restored database came from the operating environment, without the tool's mode table.
  expect((await hybridModes(lab)).localEmergency).toBe('emergency-fa');
  expect(readState(stateDir).pendingModePushes).toEqual({});
  const line = journalLines(stateDir).at(-1)!;
  expect([line.command, line.after['modePushes.delivered.localEmergency']]).toEqual(['restore', 'emergency']);
}, 240_000);
