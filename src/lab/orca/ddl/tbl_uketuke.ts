import { columnList } from './column-list.js';
import type { TableDefinition } from './table-definition.js';

/** 受付: the day's reception list; `ukeid` 0 is the day's control row whose `ptid` is the last 受付ID issued. */
export const tbl_uketuke: TableDefinition = {
  name: 'tbl_uketuke',
  release: '5.1',
  sources: ['sql/schema/tbl_uketuke.sql', 'record/tbl_uketuke.db'],
  columns: columnList(`
    ukeymd character(8) NOT NULL, ukeid numeric(5,0) NOT NULL, uketime character(6), ptid numeric(10,0),
    name character varying(100), sryka character(2), drcd character(5), srynaiyo character(2),
    hkncombi numeric(4,0) DEFAULT 0, kaikeitime numeric(4,0) DEFAULT 0, keyyyktime numeric(4,0) DEFAULT 0,
    yyktime numeric(4,0) DEFAULT 0, yykid numeric(2,0) DEFAULT 0, hyojijun numeric(4,0) DEFAULT 0,
    kakren character(2), srflg character(2), termid character varying(16), opid character varying(16),
    creymd character(8), upymd character(8), uphms character(6), hospnum numeric(2,0) NOT NULL,
  `),
  primaryKey: ['hospnum', 'ukeymd', 'ukeid'],
  indexes: [],
};
