/**
 * The month's receipt batch (一括作成) as `tbl_recekanri` shows it: a row per run, 帳票 HC06 (医保), 処理区分
 * 1, the 診療年月, 入外 2, レセプト区分 0 — the row ORCSRECEUPD looks for (path key7) before marking a corrected
 * visit's receipts for redoing. The lab's clinic runs it on the 5th of the next month; the other columns of
 * the row (提出先, 種別, page counts) are the lab's own choice.
 */
import { orcaRow, type Row } from '../orca-row.js';

export function receiptBatchRow(sryym: string, nextDay: string): Row & { creymd: string } {
  const creymd = `${nextDay.slice(0, 6)}05`;
  return orcaRow('tbl_recekanri', {
    hospnum: 1,
    prtid: 'HC06',
    syokbn: '1',
    creymd,
    crehms: '120000',
    teisyutusaki: '1',
    recesyubetu: '1112',
    nyugaikbn: '2',
    sryym,
    recekbn: '0',
    opid: 'ormaster',
  }) as Row & { creymd: string };
}
