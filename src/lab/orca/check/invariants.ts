/**
 * ORCA's own consistency, checked on any lab database (and, later, on what `diff-copy` writes): each check
 * returns up to 20 offending rows, so a failure shows what broke and which ORCA rule it breaks.
 */
import type pg from 'pg';
import { NUMBER_CHECKS } from './number-checks.js';
import { VISIT_CHECKS, type Check } from './visit-checks.js';

export const ORCA_CHECKS: readonly Check[] = [...VISIT_CHECKS, ...NUMBER_CHECKS];

export interface CheckResult {
  name: string;
  rule: string;
  source: string;
  problems: Record<string, unknown>[];
}

export interface InvariantReport {
  ok: boolean;
  checks: CheckResult[];
}

export async function checkOrcaInvariants(client: pg.Client, only?: readonly string[]): Promise<InvariantReport> {
  const checks: CheckResult[] = [];
  for (const check of ORCA_CHECKS.filter((c) => !only || only.includes(c.name))) {
    const result = await client.query(`SELECT * FROM (${check.sql}) problems LIMIT 20`);
    checks.push({ name: check.name, rule: check.rule, source: check.source, problems: result.rows });
  }
  return { ok: checks.every((c) => c.problems.length === 0), checks };
}
