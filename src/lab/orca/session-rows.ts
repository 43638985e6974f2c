/**
 * A few rows in the session tables, as a running WebORCA leaves them (a terminal's locks, a job, a screen's
 * work records, saved SPA, an API request, a batch with its log and console output, a pushed event, a
 * migration), so that a restore's emptying of them can be checked. Columns are the recorded ones (`ddl/`).
 */
import type pg from 'pg';
import { insertRows } from './bulk-insert.js';
import { orcaRow } from './orca-row.js';

/** What WebORCA's importer empties (`aps_migrations` it drops), in the order the lab seeds them. */
export const SESSION_TABLES = [
  'tbl_lock',
  'tbl_jobkanri',
  'tbl_para',
  'tbl_spa_tmp',
  'tbl_api_para',
  'monbatch',
  'monbatch_log',
  'monbatch_clog',
  'monpushevent',
  'aps_migrations',
] as const;

/** Replaces the session tables' rows with one representative set; `ymd` dates them. */
export async function seedSessionRows(client: pg.Client, ymd: string): Promise<void> {
  const at = (hms: string): string => `${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6)} ${hms}+09`;
  const work = { hospnum: 1, termid: 'lab-terminal', upymd: ymd, uphms: '090000' };
  const rows: [string, Record<string, string | number | null>][] = [
    [
      'tbl_lock',
      {
        hospnum: 1,
        lock_termid: 'lab-terminal',
        lock_opid: 'ormaster',
        locktable_ldname1: 'K02',
        locktable_ptid1: '0000000001',
        locktable_sryym1: ymd,
        locktable_startdate1: ymd,
        locktable_starttime1: '09000000',
        locktable_flg1: '1',
      },
    ],
    [
      'tbl_jobkanri',
      { hospnum: 1, jobid: 1, shellid: 'ORCBJOB', run_opid: 'ormaster', pgid: 'ORCGM01', startymd: ymd },
    ],
    ['tbl_para', { ...work, gyoumuid: 'K02', filemei: 'WKSRYACT', edanum: 1, data_rec: 'lab work record' }],
    ['tbl_spa_tmp', { ...work, gyoumuid: 'K02', filemei: 'SPA', edanum: 1, data_rec: 'lab saved screen' }],
    ['tbl_api_para', { ...work, gyoumuid: 'API21', filemei: 'REQUEST', edanum: 1, data_rec: 'lab api request' }],
    ['monbatch', { id: 'lab-batch-1', pgid: 4242, starttime: at('03:00'), tenant: 1, name: 'daily' }],
    ['monbatch_log', { id: 'lab-batch-0', pgid: 4241, rc: 0, message: 'ok', starttime: at('02:00'), tenant: 1 }],
    ['monbatch_clog', { id: 'lab-batch-0', num: 1, clog: 'done' }],
    [
      'monpushevent',
      { uuid: 'lab-event-1', id: 1, event: 'patient_accept', user_: 'ormaster', pushed_at: at('09:00') },
    ],
    ['aps_migrations', { version: '050200-1', applied_at: at('00:00') }],
  ];
  for (const table of SESSION_TABLES) await client.query(`DELETE FROM ${table}`);
  for (const [table, values] of rows) await insertRows(client, table, [orcaRow(table, values)]);
}
