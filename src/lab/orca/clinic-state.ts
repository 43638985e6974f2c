/**
 * What ORCA keeps per patient while visits are saved, held in memory by the generator: the month's 剤 by
 * identity (for reuse), `maxzainum`, first/last visit per department, disease `rennum`s. Rows go to a
 * RowBuffer as they become final; month rows (`tbl_sryacct_main`) and `tbl_ptinf` are written at the end.
 */
import type { ZaiTemplate } from './clinic-catalog.js';
import type { RowBuffer } from './bulk-insert.js';
import { dayOfMonth } from './dates.js';
import {
  ptcomRows,
  sryacctMainRow,
  sryacctplusRows,
  sryacctSubRow,
  sryactRows,
  zaiKey,
  type Audit,
  type ZaiScope,
} from './zai.js';

interface ZaiEntry {
  zai: ZaiTemplate;
  scope: ZaiScope;
  zainum: number;
  days: number[];
  created: Audit;
  audit: Audit;
}

export class PatientState {
  maxzainum = 0;
  readonly zais = new Map<string, ZaiEntry>();
  readonly departments = new Map<string, { first: string; last: string; audit: Audit }>();
  readonly diseaseCounts = new Map<string, number>();
  readonly monthsSeen = new Set<string>();

  constructor(readonly ptid: number) {}

  /** `rennum` for a new disease row: max + 1 over (sryka, start date). */
  nextDiseaseRennum(sryka: string, ymd: string): number {
    const key = `${sryka}|${ymd}`;
    const next = (this.diseaseCounts.get(key) ?? 0) + 1;
    this.diseaseCounts.set(key, next);
    return next;
  }

  recordVisit(sryka: string, ymd: string, audit: Audit): { firstVisit: boolean; firstOfMonth: boolean } {
    const known = this.departments.get(sryka);
    const monthKey = `${sryka}|${ymd.slice(0, 6)}`;
    const firstOfMonth = !this.monthsSeen.has(monthKey);
    this.monthsSeen.add(monthKey);
    if (known) known.last = ymd;
    else this.departments.set(sryka, { first: ymd, last: ymd, audit });
    return { firstVisit: known === undefined, firstOfMonth };
  }

  /**
   * Saves one 剤 of a visit on `ymd`: reuses the month's identical 剤 (its day count rises) or issues
   * `maxzainum + 1` and writes its sryact/ptcom/plus rows. Returns the zainum.
   */
  async saveZai(buffer: RowBuffer, zai: ZaiTemplate, scope: ZaiScope, ymd: string, audit: Audit): Promise<number> {
    const key = zaiKey(zai, scope);
    const day = dayOfMonth(ymd);
    const found = this.zais.get(key);
    if (found) {
      found.days[day - 1] = (found.days[day - 1] ?? 0) + 1;
      const nth = found.days[day - 1] as number;
      if (nth >= 2 && nth <= 9) await buffer.add('tbl_sryacct_sub', sryacctSubRow(this.ptid, found.zainum, nth, day));
      found.audit = audit;
      return found.zainum;
    }
    this.maxzainum += 1;
    const zainum = this.maxzainum;
    const days = new Array<number>(31).fill(0);
    days[day - 1] = 1;
    this.zais.set(key, { zai, scope, zainum, days, created: audit, audit });
    await buffer.add('tbl_sryact', ...sryactRows(zai, scope, zainum, audit));
    const comments = ptcomRows(zai, this.ptid, zainum, audit);
    if (comments.length > 0) await buffer.add('tbl_ptcom', ...comments);
    const plus = sryacctplusRows(zai, scope, zainum, audit);
    if (plus.length > 0) await buffer.add('tbl_sryacctplus', ...plus);
    return zainum;
  }

  /** Writes the month rows of every 剤 (final day counts). */
  async flushZais(buffer: RowBuffer): Promise<void> {
    for (const entry of this.zais.values()) {
      const row = sryacctMainRow(entry.zai, entry.scope, entry.zainum, entry.days, entry.audit);
      row.creymd = entry.created.ymd;
      await buffer.add('tbl_sryacct_main', row);
    }
    this.zais.clear();
  }
}
