/**
 * Every ORCA table the lab creates from a recorded definition, in creation order. A plain list: add one
 * import and one entry per table.
 */
import { monbatch, monbatch_clog, monbatch_log, monpushevent } from './panda-tables.js';
import type { TableDefinition } from './table-definition.js';
import { tbl_api_para } from './tbl_api_para.js';
import { tbl_dbkanri } from './tbl_dbkanri.js';
import { tbl_hkncombi } from './tbl_hkncombi.js';
import { tbl_jobkanri } from './tbl_jobkanri.js';
import { tbl_jyurrk } from './tbl_jyurrk.js';
import { tbl_lock } from './tbl_lock.js';
import { tbl_para } from './tbl_para.js';
import { tbl_ptbyomei } from './tbl_ptbyomei.js';
import { tbl_ptcom } from './tbl_ptcom.js';
import { tbl_pthkninf } from './tbl_pthkninf.js';
import { tbl_ptinf } from './tbl_ptinf.js';
import { tbl_ptkohinf } from './tbl_ptkohinf.js';
import { tbl_ptnum } from './tbl_ptnum.js';
import { tbl_ptnyuinrrk } from './tbl_ptnyuinrrk.js';
import { tbl_recekanri } from './tbl_recekanri.js';
import { tbl_receupd } from './tbl_receupd.js';
import { tbl_santei } from './tbl_santei.js';
import { tbl_santeiplus } from './tbl_santeiplus.js';
import { tbl_spa_tmp } from './tbl_spa_tmp.js';
import { tbl_sryacct_main } from './tbl_sryacct_main.js';
import { tbl_sryacct_sub } from './tbl_sryacct_sub.js';
import { tbl_sryacctplus } from './tbl_sryacctplus.js';
import { tbl_sryact } from './tbl_sryact.js';
import { tbl_srykarrk } from './tbl_srykarrk.js';
import { tbl_syumei } from './tbl_syumei.js';
import { tbl_sysbase } from './tbl_sysbase.js';
import { tbl_syskanri } from './tbl_syskanri.js';
import { tbl_syunou_main } from './tbl_syunou_main.js';
import { tbl_syunou_nyuin } from './tbl_syunou_nyuin.js';
import { tbl_syurrk } from './tbl_syurrk.js';
import { tbl_syutotal } from './tbl_syutotal.js';
import { tbl_uketuke } from './tbl_uketuke.js';
import { aps_migrations } from './weborca-tables.js';

export const RECORDED_TABLES: readonly TableDefinition[] = [
  tbl_syskanri,
  tbl_dbkanri,
  tbl_sysbase,
  tbl_ptnum,
  tbl_ptinf,
  tbl_pthkninf,
  tbl_ptkohinf,
  tbl_hkncombi,
  tbl_ptnyuinrrk,
  tbl_uketuke,
  tbl_jyurrk,
  tbl_sryact,
  tbl_sryacct_main,
  tbl_sryacct_sub,
  tbl_sryacctplus,
  tbl_ptcom,
  tbl_syunou_main,
  tbl_syunou_nyuin,
  tbl_syumei,
  tbl_syutotal,
  tbl_syurrk,
  tbl_santei,
  tbl_santeiplus,
  tbl_srykarrk,
  tbl_recekanri,
  tbl_receupd,
  tbl_ptbyomei,
  tbl_lock,
  tbl_jobkanri,
  tbl_para,
  tbl_spa_tmp,
  tbl_api_para,
  monbatch,
  monbatch_log,
  monbatch_clog,
  monpushevent,
  aps_migrations,
];
