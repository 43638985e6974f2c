/** Who and when, as ORCA stamps a row it writes: the operator, the machine date and time (`ORCSMCNDATE`). */
export interface Audit {
  opid: string;
  ymd: string;
  hms: string;
}

/** `creymd`/`upymd`/`uphms`/`opid` of a new row. ORCA's outpatient save never sets `termid` (ORCSCGAIRAI). */
export const created = (audit: Audit): Record<string, string> => ({
  opid: audit.opid,
  creymd: audit.ymd,
  upymd: audit.ymd,
  uphms: audit.hms,
});

/** The stamps of a rewritten row (its `creymd` kept). */
export const updated = (audit: Audit): Record<string, string> => ({
  opid: audit.opid,
  upymd: audit.ymd,
  uphms: audit.hms,
});
