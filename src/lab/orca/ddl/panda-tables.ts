/**
 * The tables of WebORCA's middleware, panda (montsuqi/panda), in the same database: batch runs and their
 * logs (`monbatch*`, created by `tools/monsetup.c`) and pushed events (`monpushevent`, created by
 * `dblib/monpushevent.c` with its id sequence). WebORCA's importer empties all four after an import.
 * Primary keys carry PostgreSQL's default `<table>_pkey` names, as panda's `PRIMARY KEY` clauses give them.
 */
import { columnList } from './column-list.js';
import type { TableDefinition } from './table-definition.js';

const PANDA = 'montsuqi/panda';
const BATCH_COLUMNS = `
  name character varying(256), groupname character varying(64), comment character varying(512),
  extra character varying(512), exwindow character varying(256), exwidget character varying(256),
  exevent character varying(256), exterm character varying(256), exuser character varying(256),
  exhost character varying(256)`;

export const monbatch: TableDefinition = {
  name: 'monbatch',
  release: 'panda',
  sources: [`${PANDA} tools/monsetup.c create_monbatch`],
  columns: columnList(`
    id character varying(37) NOT NULL, pgid integer, starttime timestamp with time zone, tenant integer,
    ${BATCH_COLUMNS}
  `),
  primaryKey: ['id'],
  primaryKeyName: 'monbatch_pkey',
  indexes: [
    { name: 'monbatch_pgid', columns: ['pgid'] },
    { name: 'monbatch_start', columns: ['starttime'] },
  ],
};

export const monbatch_log: TableDefinition = {
  name: 'monbatch_log',
  release: 'panda',
  sources: [`${PANDA} tools/monsetup.c create_monbatch_log`],
  columns: columnList(`
    id character varying(37) NOT NULL, pgid integer, rc integer, message character varying(512),
    starttime timestamp with time zone, endtime timestamp with time zone, tenant integer, ${BATCH_COLUMNS},
    exec_record text
  `),
  primaryKey: ['id'],
  primaryKeyName: 'monbatch_log_pkey',
  indexes: [
    { name: 'monbatch_log_pgid', columns: ['pgid'] },
    { name: 'monbatch_log_start', columns: ['starttime'] },
  ],
};

export const monbatch_clog: TableDefinition = {
  name: 'monbatch_clog',
  release: 'panda',
  sources: [`${PANDA} tools/monsetup.c create_clog`],
  columns: columnList('id character varying(37) NOT NULL, num integer NOT NULL, clog text'),
  primaryKey: ['id', 'num'],
  primaryKeyName: 'monbatch_clog_pkey',
  indexes: [],
};

export const monpushevent: TableDefinition = {
  name: 'monpushevent',
  release: 'panda',
  sources: [`${PANDA} dblib/monpushevent.c create_monpushevent`],
  columns: columnList(`
    uuid character varying(37) NOT NULL, id integer, event character varying(128), user_ character varying(128),
    pushed_at timestamp with time zone, data character varying(2048)
  `),
  primaryKey: ['uuid'],
  primaryKeyName: 'monpushevent_pkey',
  indexes: [
    { name: 'monpushevent_uuid', columns: ['uuid'] },
    { name: 'monpushevent_event', columns: ['event'] },
    { name: 'monpushevent_user', columns: ['user_'] },
    { name: 'monpushevent_pushed_at', columns: ['pushed_at'] },
  ],
  sequences: ['seqmonpushevent'],
};
