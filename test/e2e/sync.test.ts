/**
 * `sync` through the built binary against the lab's reference cloud servers (HTTPS, real PostgreSQL): the
 * normal path, retention, the upload guard of emergency mode, `--no-upload`, `backups list`. The fault knobs
 * are in sync-faults.test.ts.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { readState, writeState } from '../helpers/state-files.js';
import { expectPrivate, idsOf, soundCatalog } from '../helpers/catalog-check.js';
import {
  OPERATING_SEQUENCES,
  expectNoSecrets,
  jsonOf,
  runSync,
  useSyncWorld,
  type SyncWorld,
} from '../helpers/sync-world.js';

let world: SyncWorld;
useSyncWorld({ fillerBytes: 600 * 1024 }, (w) => (world = w));

describe('sync', () => {
  test('downloads, verifies, uploads and records the counters; a second run is up to date', async () => {
    const nightly = await world.operating.createNightlyBackup();
    const setup = world.makeConfig();
    const first = await runSync(setup);
    expect([first.code, first.stderr]).toEqual([0, '']);
    const doc = jsonOf(first);
    expect(doc).toMatchObject({ outcome: 'downloaded', uploaded: true, upload: 'stored', pruned: [], error: null });
    expect(doc.backup).toMatchObject({
      id: nightly.id,
      size: nightly.size,
      sha256: nightly.sha256,
      verified: true,
      source: 'operating',
    });
    const entries = await soundCatalog(setup.folder);
    expect(idsOf(entries)).toEqual([nightly.id]);
    expect(entries[0]).toMatchObject({
      createdAt: new Date(nightly.createdAt).toISOString(),
      archiveVersion: expect.stringMatching(/^1\.\d+-\d+$/),
    });
    expect(entries[0]!.tocEntries).toBeGreaterThan(5);
    expectPrivate(setup.folder);
    expect(await world.emergency.store.get(nightly.id)).toMatchObject({ sha256: nightly.sha256 });
    const state = readState(setup.stateDir) as {
      lastKnownSequences: Record<string, { values: unknown }>;
      lastSync: unknown;
    };
    expect(state.lastKnownSequences.operating!.values).toEqual(OPERATING_SEQUENCES);
    expect(state.lastSync).toMatchObject({ outcome: 'downloaded', backupId: nightly.id });
    expect(statSync(join(setup.stateDir, 'orca-hybrid.log')).mode & 0o777).toBe(0o600);

    const second = await runSync(setup);
    expect(second.code).toBe(0);
    expect(jsonOf(second)).toMatchObject({
      outcome: 'upToDate',
      uploaded: false,
      upload: 'alreadyPresent',
      backup: { id: nightly.id },
    });
    const human = await runCli(['--config', setup.config, 'sync']);
    expect(human.code).toBe(0);
    expect(human.stdout.trim().split('\n')).toHaveLength(1);
    expect(human.stdout).toMatch(/up to date/);
    expectNoSecrets(world, setup, [first, second, human]);
  });

  test('retention keeps N per environment but never the restore point nor the newest', async () => {
    const setup2 = world.makeConfig({ retention: 2 });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push((await world.operating.createNightlyBackup()).id);
      const run = await runSync(setup2);
      expect(run.code).toBe(0);
    }
    expect(idsOf(await soundCatalog(setup2.folder))).toEqual([ids[1], ids[2]].sort());
    const restorePoints = { cloudEmergency: { backupId: ids[1], restoredAt: new Date().toISOString() } };
    writeState(setup2.stateDir, { ...readState(setup2.stateDir), restorePoints });
    ids.push((await world.operating.createNightlyBackup()).id);
    const run = await runSync(setup2);
    expect(jsonOf(run)).toMatchObject({ outcome: 'downloaded', pruned: [] });
    expect(idsOf(await soundCatalog(setup2.folder))).toEqual([ids[1], ids[2], ids[3]].sort());
    ids.push((await world.operating.createNightlyBackup()).id);
    const next = await runSync(setup2);
    expect(jsonOf(next).pruned).toEqual([ids[2]]);
    expect(idsOf(await soundCatalog(setup2.folder))).toEqual([ids[1], ids[3], ids[4]].sort());

    const list = await runCli(['--config', setup2.config, 'backups', 'list', '--json']);
    expect(list.code).toBe(0);
    const rows = JSON.parse(list.stdout).backups as Array<Record<string, unknown>>;
    expect(rows.map((r) => r.id)).toEqual([ids[4], ids[3], ids[1]]);
    expect(rows.find((r) => r.id === ids[1])).toMatchObject({
      env: 'operating',
      verified: true,
      restoredInto: ['cloudEmergency'],
    });
    const table = await runCli(['--config', setup2.config, 'backups', 'list']);
    expect(table.stdout).toContain(ids[1]!);
    expect(table.stdout).toContain('cloud emergency environment');
  });

  test('in emergency mode with the cloud selected it downloads but never uploads over the cloud emergency environment', async () => {
    const setup3 = world.makeConfig();
    writeState(setup3.stateDir, {
      mode: 'emergency',
      modeChangedAt: new Date().toISOString(),
      selectedEmergency: 'cloud',
    });
    const nightly = await world.operating.createNightlyBackup();
    const mark = world.requests.length;
    const run = await runSync(setup3);
    expect(run.code).toBe(0);
    expect(jsonOf(run)).toMatchObject({
      outcome: 'downloaded',
      uploaded: false,
      upload: 'skippedEmergencyActive',
      backup: { id: nightly.id },
    });
    expect(world.requests.slice(mark).filter((r) => r.port === world.emergency.port)).toEqual([]);
    expect(await world.emergency.store.get(nightly.id)).toBeNull();
    expect(idsOf(await soundCatalog(setup3.folder))).toEqual([nightly.id]);
  });

  test('--no-upload only downloads; the next run uploads what is missing', async () => {
    const setup4 = world.makeConfig();
    const nightly = await world.operating.createNightlyBackup();
    const first = await runSync(setup4, '--no-upload');
    expect(jsonOf(first)).toMatchObject({ outcome: 'downloaded', upload: 'skippedDisabled' });
    expect(await world.emergency.store.get(nightly.id)).toBeNull();
    const second = await runSync(setup4);
    expect(jsonOf(second)).toMatchObject({ outcome: 'upToDate', upload: 'stored', uploaded: true });
    expect(await world.emergency.store.get(nightly.id)).toMatchObject({ sha256: nightly.sha256 });
  });
});
