/**
 * `restore` into a directly reached database (the local emergency environment) versus a bare
 * `pg_restore -j <cores>` of the same dump into a fresh database followed by `vacuumdb --analyze-only
 * -j <cores>`, interleaved in the same run, on the large lab clinic (generateClinic patients 50000, days
 * 365: a database of about 1 GB of ORCA's full-width rows, the size the issue's reference figures were
 * measured on; generating it takes several minutes). Before timing, the generated clinic is held to ORCA's
 * own consistency (`lab check`'s checker). The baseline includes ANALYZE because the tool analyzes the
 * restored database before WebORCA can open it. The tool's run includes everything a user waits for:
 * start-up, the dump's checksum, listing and identity rows, the gates, staging database, WebORCA's clean-up,
 * checks, ANALYZE, the swap, dropping the replaced database, pinging WebORCA, reading the counters, state and
 * journal. Target ≤ 1.2×. For information, the ratio to the bare `pg_restore` alone.
 * `ORCA_BENCH_RESTORE_PATIENTS` shrinks it.
 */
import { execa } from 'execa';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { FsBackupFolder } from '../src/adapters/fs/backup-folder.js';
import { defaultPgTools } from '../src/adapters/process/pg-tools.js';
import type { DatabaseConfig } from '../src/core/config-schema.js';
import { checkOrcaInvariants } from '../src/lab/orca/check/invariants.js';
import { generateClinic } from '../src/lab/orca/generator.js';
import { createDatabase } from '../src/lab/postgres/cluster.js';
import { startTestCluster, type TestCluster } from '../test/helpers/pg.js';
import { BIN, median, report, type BenchRow } from './lib.js';

const CODE = '1312345678';

async function seconds(fn: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

export async function run(): Promise<BenchRow[]> {
  const patients = Number(process.env.ORCA_BENCH_RESTORE_PATIENTS ?? 50000);
  const rounds = Number(process.env.ORCA_BENCH_RESTORE_ROUNDS ?? 3);
  const jobs = availableParallelism();
  const cluster = await startTestCluster();
  const dir = await mkdtemp(join(tmpdir(), 'orca-bench-restore-'));
  try {
    const db = (database: string): DatabaseConfig => ({
      host: cluster.host,
      port: cluster.port,
      database,
      user: cluster.user,
      password: cluster.password,
      sslmode: 'disable',
    });
    await createDatabase(cluster, 'orca_bench_src');
    const client = await cluster.connect('orca_bench_src');
    const generated = await seconds(() =>
      generateClinic(client, {
        patients,
        days: 365,
        seed: 1,
        institutionCode: CODE,
        clinicName: 'ベンチ医院',
        endDate: '20260331',
      }),
    );
    const size = (await client.query<{ s: string }>(`SELECT pg_size_pretty(pg_database_size('orca_bench_src')) AS s`))
      .rows[0]!.s;
    const checked = await seconds(async () => {
      const report = await checkOrcaInvariants(client);
      if (!report.ok) throw new Error(`the generated clinic breaks ORCA's rules: ${JSON.stringify(report.checks)}`);
    });
    process.stderr.write(`bench restore: ORCA's consistency checked in ${checked.toFixed(1)} s: ok\n`);
    await client.query('CREATE DATABASE orca_bench_local TEMPLATE orca_bench_src');
    await client.end();
    const { entry } = await new FsBackupFolder(join(dir, 'backups')).dump(
      'operating',
      db('orca_bench_src'),
      '20260331T000000Z-operating',
    );
    process.stderr.write(
      `bench restore: ${patients} patients generated in ${generated.toFixed(1)} s, database ${size}, dump ${(entry.size / 1e6).toFixed(1)} MB, -j ${jobs}\n`,
    );

    const configFile = join(dir, 'orca-hybrid.json');
    const postgresEnv = (database: string) => ({
      kind: 'postgres',
      database: db(database),
      orcaApiUrl: 'http://127.0.0.1:9',
    });
    await writeFile(
      configFile,
      JSON.stringify({
        clinic: { institutionCode: CODE, name: 'ベンチ医院' },
        environments: {
          operating: postgresEnv('orca_bench_src'),
          cloudEmergency: {
            kind: 'cloud',
            url: 'https://127.0.0.1:9',
            orcaApiUrl: 'https://127.0.0.1:9',
            credentials: { user: 'x', apiKey: 'x' },
          },
          localEmergency: postgresEnv('orca_bench_local'),
        },
        backup: { folder: join(dir, 'backups') },
        stateDir: join(dir, 'state'),
      }),
      { mode: 0o600 },
    );

    const pgEnv = { env: { PGPASSWORD: cluster.password } };
    const connection = [
      `--host=${cluster.host}`,
      `--port=${cluster.port}`,
      `--username=${cluster.user}`,
      '--no-password',
    ];
    const pgRestore = await defaultPgTools().path('pg_restore');
    const bareRestore = (database: string) =>
      execa(
        pgRestore,
        [
          '--no-privileges',
          '--no-owner',
          '--exit-on-error',
          `--jobs=${jobs}`,
          ...connection,
          `--dbname=${database}`,
          entry.dumpPath,
        ],
        pgEnv,
      );
    const tool: number[] = [];
    const bare: number[] = [];
    const bareAnalyzed: number[] = [];
    for (let i = 0; i < rounds; i++) {
      await createDatabase(cluster, 'orca_bench_fresh');
      bare.push(await seconds(() => bareRestore('orca_bench_fresh')));
      // Dropped at once, so autovacuum on it does not tax the next run.
      await dropDatabase(cluster, 'orca_bench_fresh');
      tool.push(
        await seconds(() =>
          execa('node', [BIN, '--config', configFile, 'restore', '--target', 'localEmergency', '--yes'], {
            env: { LANG: 'C' },
          }),
        ),
      );
      await createDatabase(cluster, 'orca_bench_fresh');
      bareAnalyzed.push(
        await seconds(async () => {
          await bareRestore('orca_bench_fresh');
          await execa(
            await defaultPgTools().path('vacuumdb'),
            ['--analyze-only', `--jobs=${jobs}`, ...connection, '--dbname=orca_bench_fresh'],
            pgEnv,
          );
        }),
      );
      await dropDatabase(cluster, 'orca_bench_fresh');
      process.stderr.write(
        `bench restore: round ${i + 1}: pg_restore ${bare.at(-1)!.toFixed(2)} s, orca-hybrid restore ${tool.at(-1)!.toFixed(2)} s, pg_restore + vacuumdb --analyze-only ${bareAnalyzed.at(-1)!.toFixed(2)} s\n`,
      );
    }
    const [value, baseline, analyzed] = [median(tool), median(bare), median(bareAnalyzed)];
    const ratio = value / baseline;
    return report([
      {
        bench: 'restore',
        measure: `restore into local, ${size} clinic, vs pg_restore + vacuumdb --analyze-only (s)`,
        value,
        baseline: analyzed,
        ratio: value / analyzed,
        target: `≤ 1.2× bare pg_restore -j${jobs} + vacuumdb --analyze-only -j${jobs}`,
        ok: value / analyzed <= 1.2,
      },
      {
        bench: 'restore',
        measure: `restore into local vs bare pg_restore alone (s)`,
        value,
        baseline,
        ratio,
        target: 'information',
        ok: true,
      },
    ]);
  } finally {
    await cluster.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();

async function dropDatabase(cluster: TestCluster, name: string): Promise<void> {
  const client = await cluster.connect('postgres');
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
