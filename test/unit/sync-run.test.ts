/**
 * The `sync` use case over hand-written in-memory fakes of its ports (STYLE.md §12): a backup folder that
 * keeps its catalog in an array, and cloud environments that answer from lists. No network, no files.
 */
import type { RecheckOutcome } from '../../src/core/backup-verify.js';
import type { CatalogEntry } from '../../src/core/backup-catalog.js';
import type { CloudBackup } from '../../src/core/cloud-contract.js';
import type { Sequences } from '../../src/core/domain.js';
import { AuthError, CancelledError, UnreachableError, VerificationError } from '../../src/core/errors.js';
import type {
  BackupFolder,
  BackupInfo,
  CloudBackupApi,
  CloudUploadOutcome,
  EnvironmentControl,
  FetchOptions,
} from '../../src/core/ports.js';
import { defaultState, type OrcaState } from '../../src/core/state.js';
import { runSync, type SyncEvents, type SyncPorts } from '../../src/core/sync.js';

// The real time: the upload's deadline is checked against the system clock.
const NOW = new Date(Math.floor(Date.now() / 1000) * 1000);
/** `hours` before NOW, as servers write it. */
const ago = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000).toISOString();
const SEQUENCES: Sequences = { outpatientSlip: 50, inpatientSlip: 10, patientSerial: 100, patientId: 100 };
const sha = (c: string) => c.repeat(64);

function remote(id: string, createdAt: string, c = 'a'): CloudBackup {
  return { id, createdAt, size: 1000, sha256: sha(c), format: 'pg_dump-custom' };
}

function entryOf(backup: BackupInfo, source: CatalogEntry['source'] = 'operating'): CatalogEntry {
  return {
    ...backup,
    source,
    verified: true,
    verifiedAt: NOW.toISOString(),
    archiveVersion: '1.14-0',
    dumpedFrom: null,
    dumpedBy: null,
    tocEntries: 10,
    dumpPath: `/backups/${source}/${backup.id}.dump`,
  };
}

/** A folder whose catalog is an array; `failFetch` makes the next fetch throw (the catalog stays as it was). */
class MemoryFolder implements BackupFolder {
  readonly folder = '/backups';
  fetched: string[] = [];
  removedPartials = 0;
  failFetch: Error | null = null;
  seenSignal: AbortSignal | undefined;
  constructor(public entries: CatalogEntry[] = []) {}

  async read() {
    return { entries: [...this.entries], damaged: [], missing: [] };
  }
  async markDamaged(entry: CatalogEntry): Promise<CatalogEntry> {
    return entry;
  }
  async recheck(entry: CatalogEntry): Promise<RecheckOutcome> {
    return { kind: 'ok', entry };
  }
  async fetch(env: CatalogEntry['source'], _source: CloudBackupApi, backup: BackupInfo, options: FetchOptions) {
    this.seenSignal = options.signal;
    options.onProgress?.({ bytes: backup.size / 2, total: backup.size });
    if (this.failFetch) throw this.failFetch;
    options.onProgress?.({ bytes: backup.size, total: backup.size });
    for (const step of ['checksum', 'header', 'list', 'fullRead'] as const) options.onStep?.(step);
    const entry = entryOf(backup, env);
    this.entries.push(entry);
    this.fetched.push(backup.id);
    const stats = {
      resumedFrom: 0,
      bytesReceived: backup.size,
      attempts: 1,
      restarted: false,
      seconds: 0.1,
      cpuSeconds: 0.05,
    };
    return { entry, stats };
  }
  async dump(env: CatalogEntry['source'], _db: unknown, id: string) {
    const entry = entryOf({ id, createdAt: NOW.toISOString(), size: 500, sha256: sha('d') }, env);
    this.entries.push(entry);
    return { entry };
  }
  async remove(entries: CatalogEntry[]) {
    const gone = new Set(entries.map((e) => e.id));
    this.entries = this.entries.filter((e) => !gone.has(e.id));
  }
  async removeStalePartials() {
    this.removedPartials++;
    return [];
  }
}

/** The operating environment: its backup list and its counters (or the error reading them throws). */
function operatingCloud(backups: CloudBackup[], counters: Sequences | Error = SEQUENCES) {
  return {
    env: 'operating',
    listBackups: async () => backups,
    readSequences: async () => {
      if (counters instanceof Error) throw counters;
      return counters;
    },
  } as unknown as CloudBackupApi & EnvironmentControl;
}

/** The cloud emergency environment: the mode it reports and what it answers to an upload. */
function emergencyCloud(
  reportedMode: string,
  upload: CloudUploadOutcome | Error = { kind: 'stored', backup: remote('x', NOW.toISOString()) },
) {
  const uploads: string[] = [];
  const api = {
    env: 'cloudEmergency',
    health: async () => ({ mode: reportedMode.replace(/-fa$/, ''), reportedMode }),
    headBackup: async () => ({ state: 'absent' }),
    uploadBackup: async (id: string) => {
      uploads.push(id);
      if (upload instanceof Error) throw upload;
      return upload;
    },
  } as unknown as CloudBackupApi;
  return { api, uploads };
}

function recorder() {
  const seen: string[] = [];
  const events: SyncEvents = {
    phase: (p) => seen.push(`phase ${p}`),
    chosen: (b, age, cataloged) => seen.push(`chosen ${b.id} ${age} ${cataloged}`),
    progress: (d, p) => seen.push(`${d} ${p.bytes}`),
    sequencesRead: (v) => seen.push(`counters ${v.patientId}`),
    warning: (key) => seen.push(`warning ${key}`),
    verifying: (step) => seen.push(`verify ${step}`),
    refetching: (reason) => seen.push(`refetch ${reason}`),
  };
  return { seen, events };
}

function ports(over: Partial<SyncPorts> & { folder: MemoryFolder; operating: CloudBackupApi & EnvironmentControl }) {
  const { seen, events } = recorder();
  const all: SyncPorts = {
    source: { kind: 'cloud', api: over.operating },
    emergency: emergencyCloud('normal-fa').api,
    events,
    clock: { now: () => NOW },
    ...over,
  };
  return { ports: all, seen };
}

const options = (state: OrcaState = defaultState(), extra: Partial<Parameters<typeof runSync>[0]> = {}) => ({
  state,
  retention: 2,
  deadlineMs: 60_000,
  upload: true,
  ...extra,
});

test('downloads the newest backup by its metadata, uploads it, prunes to the retention, and tells each step', async () => {
  const old = entryOf({ id: 'b1', createdAt: ago(83), size: 1000, sha256: sha('1') });
  const older = entryOf({ id: 'b0', createdAt: ago(107), size: 1000, sha256: sha('0') });
  const folder = new MemoryFolder([older, old]);
  // Listed out of order and with ids that sort the other way: the newest by createdAt wins.
  const newest = remote('a-newest', ago(11));
  const operating = operatingCloud([remote('z-older', ago(35)), newest]);
  const emergency = emergencyCloud('normal-fa');
  const { ports: p, seen } = ports({ folder, operating, emergency: emergency.api });
  const report = await runSync(options(), p);
  expect(report).toMatchObject({ outcome: 'downloaded', upload: 'stored', uploadError: null, ageSeconds: 39_600 });
  expect(report.backup.id).toBe('a-newest');
  expect(report.pruned).toEqual(['b0']);
  expect(folder.entries.map((e) => e.id).sort()).toEqual(['a-newest', 'b1']);
  expect(emergency.uploads).toEqual(['a-newest']);
  expect(folder.removedPartials).toBe(1);
  expect(seen).toEqual([
    'phase listing',
    'counters 100',
    'chosen a-newest 39600 false',
    'phase downloading',
    'download 500',
    'download 1000',
    'verify checksum',
    'verify header',
    'verify list',
    'verify fullRead',
    'phase uploading',
    'upload 0',
    'phase pruning',
  ]);
});

test('the newest already cataloged: up to date, nothing fetched', async () => {
  const newest = remote('b2', ago(11));
  const folder = new MemoryFolder([entryOf(newest)]);
  const { ports: p, seen } = ports({ folder, operating: operatingCloud([newest]) });
  const report = await runSync(options(), p);
  expect(report).toMatchObject({ outcome: 'upToDate', transfer: null });
  expect(folder.fetched).toEqual([]);
  expect(seen).toContain('chosen b2 39600 true');
});

test('never uploads over the cloud emergency environment while it is the active one', async () => {
  const folder = new MemoryFolder();
  const operating = operatingCloud([remote('b3', ago(11))]);
  const active = emergencyCloud('normal-fa');
  const state = { ...defaultState(), mode: 'emergency' as const, selectedEmergency: 'cloud' as const };
  const recorded = await runSync(options(state), ports({ folder, operating, emergency: active.api }).ports);
  expect(recorded.upload).toBe('skippedEmergencyActive');
  const reporting = emergencyCloud('emergency-fa');
  const { ports: p, seen } = ports({ folder: new MemoryFolder(), operating, emergency: reporting.api });
  expect((await runSync(options(), p)).upload).toBe('skippedEmergencyReportsActive');
  expect(seen).toContain('warning sync.uploadSkippedReported');
  expect([...active.uploads, ...reporting.uploads]).toEqual([]);
});

test('a failed upload after the download is reported, not thrown: the backup stays in the catalog', async () => {
  const folder = new MemoryFolder();
  const refused = new AuthError({ key: 'http.unauthorized', params: { env: 'cloudEmergency' } });
  const emergency = emergencyCloud('normal-fa', refused);
  const { ports: p } = ports({
    folder,
    operating: operatingCloud([remote('b4', ago(11))]),
    emergency: emergency.api,
  });
  const report = await runSync(options(), p);
  expect(report).toMatchObject({ outcome: 'downloaded', upload: 'failed', uploadError: refused });
  expect(folder.entries.map((e) => e.id)).toEqual(['b4']);
});

test('a failed download throws its error; the catalog is as it was and nothing is pruned', async () => {
  const kept = [1, 2, 3].map((n) => entryOf({ id: `k${n}`, createdAt: ago(200 - n), size: 1, sha256: sha('k') }));
  const folder = new MemoryFolder([...kept]);
  folder.failFetch = new VerificationError({ key: 'verify.checksumMismatch', params: {} });
  const { ports: p } = ports({ folder, operating: operatingCloud([remote('b5', ago(11))]) });
  await expect(runSync(options(), p)).rejects.toBe(folder.failFetch);
  expect(folder.entries).toEqual(kept);
});

test('unreadable counters are a warning; no backup listed is an error naming the environment', async () => {
  const unreadable = new UnreachableError({ key: 'http.timeout', params: {} });
  const listed = operatingCloud([remote('b6', ago(11))], unreadable);
  const { ports: p, seen } = ports({ folder: new MemoryFolder(), operating: listed });
  expect((await runSync(options(), p)).outcome).toBe('downloaded');
  expect(seen).toContain('warning sync.sequencesUnread');
  const empty = ports({ folder: new MemoryFolder(), operating: operatingCloud([]) }).ports;
  await expect(runSync(options(), empty)).rejects.toMatchObject({ key: 'sync.noRemoteBackup', exitCode: 3 });
});

test('a database source is dumped, not listed', async () => {
  const folder = new MemoryFolder();
  const operating = operatingCloud([]);
  const db = { host: 'h', port: 5432, database: 'orca', user: 'orca', sslmode: 'disable' as const };
  const { ports: p, seen } = ports({ folder, operating, source: { kind: 'database', db } });
  const report = await runSync(options(), p);
  expect(report).toMatchObject({ outcome: 'downloaded', transfer: null });
  expect(report.backup.id).toMatch(/^\d{8}T\d{6}Z-operating$/);
  expect(seen.slice(0, 3)).toEqual(['phase listing', 'counters 100', 'phase dumping']);
});

test("Ctrl-C reaches the download: the run's signal aborts with its reason", async () => {
  const folder = new MemoryFolder();
  const controller = new AbortController();
  const stop = new CancelledError({ key: 'error.interrupted', params: { signal: 'SIGINT' } });
  controller.abort(stop);
  folder.failFetch = stop;
  const { ports: p } = ports({ folder, operating: operatingCloud([remote('b7', ago(11))]) });
  await expect(runSync(options(defaultState(), { signal: controller.signal }), p)).rejects.toBe(stop);
  expect(folder.seenSignal?.aborted).toBe(true);
  expect(folder.seenSignal?.reason).toBe(stop);
});
