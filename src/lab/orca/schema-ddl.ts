/**
 * DDL of the ORCA subset the lab builds (ORCA-DATA.md §7), completed to the real column sets for the
 * columns the tool touches. Names, types and primary keys follow jma-receipt 5.1 `sql/schema/*.sql`;
 * physical column order and most money columns are omitted (the tool copies by explicit column lists).
 */
import { RECORDED_TABLES } from './ddl/registry.js';
import { createTableStatements } from './ddl/table-definition.js';

const AUDIT = 'termid varchar(16), opid varchar(16), creymd char(8), upymd char(8), uphms char(6)';

/** `fn(1) , fn(2) … fn(n)` joined for a column list. */
export function repeatColumns(n: number, fn: (i: number) => string): string {
  return Array.from({ length: n }, (_, k) => fn(k + 1)).join(', ');
}

const SRYACT_CODES = repeatColumns(
  5,
  (i) =>
    `srycd${i} char(9), srysuryo${i} numeric(10,5) DEFAULT 0, srykaisu${i} smallint DEFAULT 0, ` +
    `meiskyflg${i} char(1), autokbn${i} char(1), inputnum${i} smallint DEFAULT 0, ` +
    `jihimoney${i} integer DEFAULT 0, kansuryo${i} numeric(10,5) DEFAULT 0`,
);

/** Tables created from their recorded definitions (`ddl/registry.ts`). */
const SYSTEM = RECORDED_TABLES.flatMap(createTableStatements);

const PATIENT = [
  `CREATE TABLE tbl_ptinf (hospnum smallint NOT NULL, ptid bigint NOT NULL,
    kananame varchar(100), name varchar(100), nickname varchar(100), sex char(1), birthday char(8),
    deathkbn char(1), home_post varchar(7), home_adrs varchar(200), home_banti varchar(200),
    home_tel1 varchar(15), home_tel2 varchar(15), setainusi varchar(100), zokugara varchar(60),
    job varchar(40), keitai_tel varchar(15), tstptnumkbn char(1),
    maxzainum integer DEFAULT 0, rrknum smallint DEFAULT 0, rrkedanum smallint DEFAULT 0, ${AUDIT},
    PRIMARY KEY (hospnum, ptid))`,
  'CREATE INDEX idx_ptinf_kananame ON tbl_ptinf (hospnum, kananame)',
  'CREATE INDEX idx_ptinf_name ON tbl_ptinf (hospnum, name)',
  'CREATE INDEX idx_ptinf_birthday ON tbl_ptinf (birthday)',
  `CREATE TABLE tbl_ptnum (hospnum smallint NOT NULL, ptid bigint NOT NULL, ptnum char(20) NOT NULL,
    hknid bigint DEFAULT 0, kohid bigint DEFAULT 0, autocombinum smallint DEFAULT 0,
    manucombinum smallint DEFAULT 0, tstptnumkbn char(1), ${AUDIT}, PRIMARY KEY (hospnum, ptid))`,
  'CREATE INDEX idx_ptnum_ptnum ON tbl_ptnum (hospnum, ptnum)',
  `CREATE TABLE tbl_pthkninf (hospnum smallint NOT NULL, ptid bigint NOT NULL, hknid bigint NOT NULL,
    hknnum char(3), hknjanum char(8), kigo varchar(80), num varchar(80), edaban varchar(2), honkzkkbn char(1),
    hihknjaname varchar(100), tekstymd char(8), tekedymd char(8), ${AUDIT},
    PRIMARY KEY (hospnum, ptid, hknid))`,
  `CREATE TABLE tbl_ptkohinf (hospnum smallint NOT NULL, ptid bigint NOT NULL, kohid bigint NOT NULL,
    kohnum char(3), ftnjanum char(8), jkysnum char(20), tekstymd char(8), tekedymd char(8), ${AUDIT},
    PRIMARY KEY (hospnum, ptid, kohid))`,
  `CREATE TABLE tbl_hkncombi (hospnum smallint NOT NULL, ptid bigint NOT NULL, hkncombinum smallint NOT NULL,
    hknid bigint, hknnum char(3), koh1id bigint DEFAULT 0, koh2id bigint DEFAULT 0, koh3id bigint DEFAULT 0,
    koh4id bigint DEFAULT 0, tekstymd char(8), tekedymd char(8), hknftnrate smallint DEFAULT 0, ${AUDIT},
    PRIMARY KEY (hospnum, ptid, hkncombinum))`,
];

const VISIT = [
  `CREATE TABLE tbl_jyurrk (hospnum smallint NOT NULL, ptid bigint NOT NULL, nyugaikbn char(1) NOT NULL,
    sryka char(2) NOT NULL, sryymd char(8) NOT NULL, rennum smallint NOT NULL, douji_rennum smallint NOT NULL,
    kaikei_rennum smallint NOT NULL, edanum smallint NOT NULL,
    drcd char(5), hkncombinum char(4), hknkbn char(1), denpnum integer,
    grp_denpnum integer DEFAULT 0, grp_rennum smallint DEFAULT 0, syu_updkbn char(1) DEFAULT ' ',
    ${repeatColumns(11, (i) => `srykbn${i} char(2)`)},
    ${repeatColumns(15, (i) => `zainum${i} integer`)}, ${AUDIT},
    PRIMARY KEY (hospnum, ptid, nyugaikbn, sryka, sryymd, rennum, douji_rennum, kaikei_rennum, edanum))`,
  'CREATE INDEX idx_jyurrk_sryymd ON tbl_jyurrk (hospnum, sryymd, nyugaikbn)',
  'CREATE INDEX idx_jyurrk_upymd ON tbl_jyurrk (hospnum, upymd, nyugaikbn)',
  'CREATE INDEX idx_jyurrk_denpnum ON tbl_jyurrk (hospnum, ptid, nyugaikbn, denpnum)',
  `CREATE TABLE tbl_sryact (hospnum smallint NOT NULL, nyugaikbn char(1) NOT NULL, ptid bigint NOT NULL,
    sryka char(2) NOT NULL, sryym char(6) NOT NULL, zainum integer NOT NULL, rennum smallint NOT NULL,
    srysyukbn char(3), srykbn char(2), jihimoneytotal integer DEFAULT 0, ${SRYACT_CODES}, ${AUDIT},
    PRIMARY KEY (hospnum, nyugaikbn, ptid, sryka, sryym, zainum, rennum))`,
  `CREATE TABLE tbl_sryacct_main (hospnum smallint NOT NULL, nyugaikbn char(1) NOT NULL, ptid bigint NOT NULL,
    sryka char(2) NOT NULL, sryym char(6) NOT NULL, srykbn char(2) NOT NULL, zainum integer NOT NULL,
    srysyukbn char(3), hkncombi smallint DEFAULT 0, jihokbn char(1), zaiten integer DEFAULT 0,
    srycdtotal bigint DEFAULT 0, suryoutotal numeric(12,5) DEFAULT 0, meisaisu integer DEFAULT 0,
    zaikaisu integer DEFAULT 0, syuten1 integer DEFAULT 0, syuten2 integer DEFAULT 0, ykzten integer DEFAULT 0,
    kizaiten integer DEFAULT 0, drcd char(5), zaireqflg char(1), teigenrate smallint DEFAULT 0,
    rennummax smallint DEFAULT 0, ${repeatColumns(31, (i) => `day_${i} smallint DEFAULT 0`)}, ${AUDIT},
    PRIMARY KEY (hospnum, ptid, zainum))`,
  'CREATE INDEX idx_sryacct_main_ptid_sryym ON tbl_sryacct_main (hospnum, nyugaikbn, ptid, sryym)',
  `CREATE TABLE tbl_sryacct_sub (hospnum smallint NOT NULL, ptid bigint NOT NULL, zainum integer NOT NULL,
    rennum smallint NOT NULL, date_hi smallint NOT NULL, day_cnt smallint,
    PRIMARY KEY (hospnum, ptid, zainum, rennum, date_hi))`,
  `CREATE TABLE tbl_sryacctplus (hospnum numeric(2,0) NOT NULL, nyugaikbn char(1) NOT NULL, ptid bigint NOT NULL,
    sryka char(2) NOT NULL, sryym char(6) NOT NULL, zainum integer NOT NULL, rennum smallint NOT NULL,
    pluskbn smallint, rsikingaku integer,
    ${repeatColumns(5, (i) => `srycd${i} char(9), syuten${i} integer, ykzten${i} integer, kizaiten${i} integer`)},
    ${repeatColumns(15, (i) => `grp_zainum${i} integer`)}, ${AUDIT},
    PRIMARY KEY (hospnum, nyugaikbn, ptid, sryka, sryym, zainum, rennum))`,
  `CREATE TABLE tbl_ptcom (hospnum smallint NOT NULL, ptid bigint NOT NULL, zainum integer NOT NULL,
    srycd char(9) NOT NULL, rennum smallint NOT NULL, inputcoment varchar(80),
    ${repeatColumns(4, (i) => `inputchi${i} varchar(8)`)}, inputchi5 varchar(10), ${AUDIT},
    PRIMARY KEY (hospnum, ptid, zainum, srycd, rennum))`,
  `CREATE TABLE tbl_syunou_main (hospnum smallint NOT NULL, nyugaikbn char(1) NOT NULL, ptid bigint NOT NULL,
    denpnum integer NOT NULL, sryka char(2), sryymd char(8), denpjtikbn char(1), createkbn char(1),
    skystymd char(8), skyedymd char(8), hkncombinum char(4), ptftnrate smallint, total_hknten integer,
    total_money integer, grp_denpnum integer DEFAULT 0, douji_denpnum integer DEFAULT 0,
    fuku_denpnum integer DEFAULT 0, skymoney integer, nyukin_total integer, nyukin_kaisu integer,
    drcd char(5), skynyukinkbn char(1), ${AUDIT}, PRIMARY KEY (hospnum, nyugaikbn, ptid, denpnum))`,
  'CREATE INDEX idx_syunou_main_ptid ON tbl_syunou_main (hospnum, ptid, sryymd, sryka, skynyukinkbn)',
  `CREATE TABLE tbl_srykarrk (hospnum numeric(2,0) NOT NULL, ptid numeric(10,0) NOT NULL, sryka char(2) NOT NULL,
    syosinymd1 char(8), syosinymd2 char(8), lastymd char(8), ${AUDIT}, PRIMARY KEY (hospnum, ptid, sryka))`,
];

const DISEASE = [
  `CREATE TABLE tbl_ptbyomei (hospnum smallint NOT NULL, ptid bigint NOT NULL, sryka char(2) NOT NULL,
    sryymd char(8) NOT NULL, rennum smallint NOT NULL, khnbyomeicd varchar(7),
    ${repeatColumns(6, (i) => `byomeiinputcd_${i} varchar(20)`)}, byomeicdsu smallint DEFAULT 0,
    ${repeatColumns(21, (i) => `byomeicd_${i} varchar(7)`)},
    utagaiflg char(1), syubyoflg char(1), manseikbn smallint DEFAULT 0, nyugaikbn char(1),
    hkncombi smallint DEFAULT 0, kohid bigint DEFAULT 0, rezeflg char(1), rezemm smallint DEFAULT 0,
    tenkikbn char(1), tenkiymd varchar(8), byomei varchar(160), byomeimoji smallint DEFAULT 0,
    chartbyomei varchar(160), chartbyomeimoji smallint DEFAULT 0, hosoku_comment varchar(80),
    byomeihenflg char(1), hknbyomeiflg char(1), recedenflg char(1), hknnum varchar(3),
    ${repeatColumns(3, (i) => `khnbuicd_${i} varchar(7)`)}, seqnum smallint DEFAULT 0, dischargeflg varchar(1),
    class1 smallint DEFAULT 0, class2 smallint DEFAULT 0, dltflg char(1), dlt_opid varchar(16),
    termid varchar(16), opid varchar(16), creymd char(8), crehms varchar(6), upymd char(8), uphms char(6),
    PRIMARY KEY (hospnum, ptid, sryka, sryymd, rennum))`,
];

/** WebORCA's session/work tables, which its importer (and our restore) empties or drops. Minimal shapes. */
const SESSION = [
  `CREATE TABLE tbl_lock (hospnum smallint NOT NULL, tbl_key varchar(100) NOT NULL, tbl_group varchar(20),
    lock_id varchar(64), termid varchar(16), opid varchar(16), lockymd char(8), lockhms char(6),
    PRIMARY KEY (hospnum, tbl_key))`,
  `CREATE TABLE tbl_jobkanri (hospnum smallint NOT NULL, jobid integer NOT NULL, shellid varchar(16) NOT NULL,
    pgid varchar(16), yobi varchar(100), stsymd char(8), ${AUDIT}, PRIMARY KEY (hospnum, jobid, shellid))`,
  `CREATE TABLE tbl_para (hospnum smallint NOT NULL, termid varchar(64) NOT NULL, pgid varchar(16) NOT NULL,
    para text, PRIMARY KEY (hospnum, termid, pgid))`,
  `CREATE TABLE tbl_spa_tmp (termid varchar(64) NOT NULL, kbn varchar(16) NOT NULL, spa text,
    PRIMARY KEY (termid, kbn))`,
  `CREATE TABLE tbl_api_para (hospnum smallint NOT NULL, apikey varchar(64) NOT NULL, para text,
    PRIMARY KEY (hospnum, apikey))`,
  `CREATE TABLE monbatch (id bigint PRIMARY KEY, name varchar(100), status varchar(20), created_at timestamp)`,
  `CREATE TABLE monbatch_log (id bigint PRIMARY KEY, batch_id bigint, message text, created_at timestamp)`,
  `CREATE TABLE monbatch_clog (id bigint PRIMARY KEY, batch_id bigint, message text, created_at timestamp)`,
  `CREATE TABLE monpushevent (id bigint PRIMARY KEY, event varchar(100), body text, created_at timestamp)`,
  `CREATE TABLE aps_migrations (version varchar(64) PRIMARY KEY, applied_at timestamp)`,
];

/** All statements, in creation order. */
export const ORCA_DDL: readonly string[] = [...SYSTEM, ...PATIENT, ...VISIT, ...DISEASE, ...SESSION];

/** Session tables WebORCA's importer empties (`aps_migrations` it drops). */
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
