/**
 * What a rebuild reads and runs besides the hypervisor: the entries-since check against a real ORCA
 * database, and the SSH guest shell's argv and quoting (checked by a real POSIX shell: no sshd here).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { runProcess } from '../../src/adapters/process/run.js';
import { countEntriesSince, orcaStamp } from '../../src/adapters/postgres/vm-entries.js';
import { shellQuote, sshArgs } from '../../src/adapters/vm/ssh-guest.js';
import { createDatabase } from '../../src/lab/postgres/cluster.js';
import { createOrcaSchema } from '../../src/lab/orca/schema.js';
import { startTestCluster, type TestCluster } from '../helpers/pg.js';

describe('SSH guest shell', () => {
  it('builds one argv: batch mode, port, key, user@host, then the quoted command', () => {
    expect(
      sshArgs({ host: '127.0.0.1', port: 2222, user: 'orca', identityFile: '/k/id_ed25519' }, [
        'sudo',
        'weborca-install',
      ]),
    ).toEqual([
      '-o',
      'BatchMode=yes',
      '-o',
      'ConnectTimeout=15',
      '-o',
      'ServerAliveInterval=30',
      '-p',
      '2222',
      '-i',
      '/k/id_ed25519',
      '-o',
      'IdentitiesOnly=yes',
      'orca@127.0.0.1',
      '--',
      'sudo weborca-install',
    ]);
  });

  it('quotes every argument so the remote shell sees exactly the argv', async () => {
    const argv = ['plain', 'two words', "it's", '$HOME', '`id`', 'a;b|c&d', 'line\nbreak', '', '日本語 テスト', "'"];
    const { stdout } = await runProcess('sh', ['-c', `printf '%s\\0' ${argv.map(shellQuote).join(' ')}`]);
    expect(stdout.split('\0').slice(0, -1)).toEqual(argv);
  });
});

describe('entries written since a restore point', () => {
  let cluster: TestCluster;
  let client: pg.Client;
  const db = () => ({
    host: cluster.host,
    port: cluster.port,
    database: 'orca_test_vm',
    user: cluster.user,
    password: cluster.password,
    sslmode: 'disable' as const,
  });

  beforeAll(async () => {
    cluster = await startTestCluster();
    await createDatabase(cluster, 'orca_test_vm');
    client = await cluster.connect('orca_test_vm');
  });
  afterAll(async () => {
    await client?.end();
    await cluster?.stop();
  });

  it('a database without the ORCA tables holds nothing', async () => {
    expect(await countEntriesSince(db(), 'localEmergency', null)).toEqual({ rows: 0, tables: [] });
  });

  it('counts rows stamped after the point (local time), in every patient-data table', async () => {
    await createOrcaSchema(client);
    const restoredAt = new Date(2026, 6, 31, 9, 30, 0);
    const stamp = orcaStamp(restoredAt);
    expect(stamp).toBe('20260731093000');
    await client.query(
      `INSERT INTO tbl_ptinf (hospnum, ptid, upymd, uphms) VALUES (1, 1, '20260731', '092959'), (1, 2, '20260731', '093001')`,
    );
    await client.query(
      `INSERT INTO tbl_jyurrk (hospnum, ptid, nyugaikbn, sryka, sryymd, rennum, douji_rennum, kaikei_rennum, edanum, upymd, uphms)
       VALUES (1, 2, '1', '01', '20260801', 1, 1, 1, 1, '20260801', '101010')`,
    );
    expect(await countEntriesSince(db(), 'localEmergency', restoredAt)).toEqual({
      rows: 2,
      tables: ['tbl_jyurrk', 'tbl_ptinf'],
    });
    expect((await countEntriesSince(db(), 'localEmergency', null)).rows).toBe(3);
    expect((await countEntriesSince(db(), 'localEmergency', new Date(2026, 7, 2))).rows).toBe(0);
  });
});
