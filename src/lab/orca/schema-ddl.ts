/**
 * The three system tables as DDL text, kept until their recorded definitions land in `ddl/registry.ts`
 * (issue #15): `createOrcaSchema` skips any of them the registry already records. Every other table the
 * lab creates comes from its recorded definition (`ddl/`).
 *
 * Lab-only addition kept for now: `tbl_sysbase.hospcd char(10)` holds the 医療機関コード. Real ORCA keeps that
 * code in `tbl_syskanri` (kanricd 1001 医療機関情報).
 */

const AUDIT = 'termid varchar(16), opid varchar(16), creymd char(8), upymd char(8), uphms char(6)';

export const SYSTEM_DDL: readonly { table: string; sql: string }[] = [
  {
    table: 'tbl_syskanri',
    sql: `CREATE TABLE tbl_syskanri (hospnum numeric(2,0) NOT NULL, kanricd char(4) NOT NULL, kbncd char(8) NOT NULL,
    styukymd char(8) NOT NULL, edyukymd char(8) NOT NULL, kanritbl varchar(500), ${AUDIT},
    PRIMARY KEY (hospnum, kanricd, kbncd, styukymd, edyukymd))`,
  },
  {
    table: 'tbl_dbkanri',
    sql: `CREATE TABLE tbl_dbkanri (kanricd char(8) PRIMARY KEY, version varchar(64), dbsversion1 varchar(64),
    dbsversion2 varchar(64), dbrversion1 varchar(64), dbrversion2 varchar(64), termid varchar(32),
    opid varchar(16), creymd char(8), upymd char(8), uphms char(6))`,
  },
  {
    table: 'tbl_sysbase',
    sql: `CREATE TABLE tbl_sysbase (grpnum numeric(2,0) PRIMARY KEY, hospnum numeric(2,0) NOT NULL,
    hospname varchar(120), hospcd char(10), kigen char(8) DEFAULT '99999999', honbungrp numeric(2,0) DEFAULT 0,
    honbunkbn char(1) DEFAULT '0', creymd char(8), upymd char(8), uphms char(6))`,
  },
];
