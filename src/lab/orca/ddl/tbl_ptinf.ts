import { columnList, series } from './column-list.js';
import type { TableDefinition } from './table-definition.js';

/** 患者: the patient master, with the per-patient 剤番号 counter `maxzainum` and the latest 入院履歴 numbers. */
export const tbl_ptinf: TableDefinition = {
  name: 'tbl_ptinf',
  release: '5.1',
  sources: ['sql/schema/tbl_ptinf.sql', 'record/tbl_ptinf.db'],
  columns: columnList(`
    ptid bigint NOT NULL, kananame character varying(100), name character varying(100),
    nickname character varying(100), sex character(1), birthday character(8), deathkbn character(1),
    home_post character varying(7), home_adrs character varying(200), home_banti character varying(200),
    home_tel1 character varying(15), home_tel2 character varying(15), setainusi character varying(100),
    zokugara character varying(60), job character varying(40), keitai_tel character varying(15),
    fax character varying(15), email character varying(50), discount character(2), discount_rate character(2),
    ${series(3, (i) => `condition_${i} character(2)`)}, comment_1 character varying(200),
    comment_2 character varying(200), taboo_1 character varying(200), taboo_2 character varying(200),
    allergy_1 character varying(200), allergy_2 character varying(200), kansensyo_1 character varying(200),
    kansensyo_2 character varying(200), renraku_name character varying(100), renraku_zokugara character varying(60),
    renraku_post character varying(7), renraku_adrs character varying(200), renraku_banti character varying(200),
    renraku_tel1 character varying(15), renraku_tel2 character varying(15), office_name character varying(100),
    office_post character varying(7), office_adrs character varying(200), office_banti character varying(200),
    office_tel character varying(15), kisei_name character varying(100), kisei_post character varying(7),
    kisei_adrs character varying(200), kisei_banti character varying(200), kisei_tel character varying(15),
    tstptnumkbn character(1), nyukin_hoho character(2), maxzainum integer DEFAULT 0, rrknum smallint DEFAULT 0,
    rrkedanum smallint DEFAULT 0, skyprtflg character(1), termid character varying(16), opid character varying(16),
    creymd character(8), upymd character(8), uphms character(6), hospnum smallint NOT NULL,
  `),
  primaryKey: ['hospnum', 'ptid'],
  indexes: [
    { name: 'idx_ptinf_birthday', columns: ['birthday'] },
    { name: 'idx_ptinf_kananame', columns: ['hospnum', 'kananame'] },
    { name: 'idx_ptinf_name', columns: ['hospnum', 'name'] },
  ],
};
