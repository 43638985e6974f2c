import { columnList, series } from './column-list.js';
import type { TableDefinition } from './table-definition.js';

/** 患者入院履歴: one row per admission (入院履歴番号 and 枝番), with ward, room and dates. */
export const tbl_ptnyuinrrk: TableDefinition = {
  name: 'tbl_ptnyuinrrk',
  release: '5.1',
  sources: [
    'sql/schema/tbl_ptnyuinrrk.sql',
    'sql/4.8/orcadbup_ptnyuinrrk_4.8.0-1.sql',
    'sql/4.8/orcadbup_ptnyuinrrk_4.8.0-2.sql',
    'sql/5.1/orcadbup_ptnyuinrrk_5.1.0-1.sql',
    'record/tbl_ptnyuinrrk.db',
  ],
  columns: columnList(`
    ptid bigint NOT NULL, rrknum smallint NOT NULL, rrkedanum smallint NOT NULL, btunum character(2),
    btuname character varying(20), brmnum character(8), nyuinka character(2), hkncombinum character(4),
    nyuinymd character(8), taiinymd character(8), taiincd character(2), tokutei_kbn character(1),
    tokutei_nyuin character(2), rm_sagaku character(2), teiki_seikyukbn character(1), kensaku_dispkbn character(1),
    shokaikbn character(1), shonum smallint, ${series(3, (i) => `drcd${i} character(5)`)}, jtikbn character(1),
    santei_btunum character(2), santei_brmnum character(8), tennyuymd character(8), tenstuymd character(8),
    taisyonissu integer, tusannissu1 integer, tusannissu2 integer, nyuinchukbn character(1),
    doujitsukbn character(1), termid character varying(16), opid character varying(16), creymd character(8),
    upymd character(8), uphms character(6), maxedanum smallint, skjkbn character(1), senteikbn character(1),
    hospnum smallint NOT NULL, timekbn_in character(1), tainrelkbn character(1), kaigokbn character(1),
    nyucalkbn character(1), toku_taisyonissu smallint DEFAULT 0,
    toku_santeiyoukenkbn character(1) DEFAULT ''::bpchar,
    ${series(3, (i) => `ksnsrycd${i} character varying(9) DEFAULT ''::character varying`)},
    skjkbn_asa character varying(1) DEFAULT ''::character varying,
    skjkbn_hiru character varying(1) DEFAULT ''::character varying,
    skjkbn_yu character varying(1) DEFAULT ''::character varying,
  `),
  primaryKey: ['hospnum', 'ptid', 'rrknum', 'rrkedanum'],
  indexes: [],
};
