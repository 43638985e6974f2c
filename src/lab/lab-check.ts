/**
 * `lab check <env>`: ORCA's own consistency of one lab environment's database (the invariant checker of
 * `orca/check/`). A broken rule is a verification failure whose details name the rule, its ORCA source and
 * the first offending rows.
 */
import type { EnvironmentName } from '../core/config-schema.js';
import { VerificationError } from '../core/errors.js';
import { connectLabDatabase, type LabHandle } from './lab-ops.js';
import { checkOrcaInvariants, type InvariantReport } from './orca/check/invariants.js';

export async function labCheck(lab: LabHandle, env: EnvironmentName): Promise<InvariantReport> {
  const client = await connectLabDatabase(lab, env);
  try {
    return await checkOrcaInvariants(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Throws when a rule is broken (exit 6), with one detail line per broken rule. */
export function assertConsistent(report: InvariantReport, env: string): void {
  const failed = report.checks.filter((c) => c.problems.length > 0);
  if (failed.length === 0) return;
  throw new VerificationError({
    key: 'lab.check.failed',
    params: { env, failed: failed.length, names: failed.map((c) => c.name).join(', ') },
    hintKey: 'lab.check.failed.hint',
    details: failed.map(
      (c) => `${c.name}: ${c.rule} [${c.source}] — ${c.problems.length} row(s), e.g. ${JSON.stringify(c.problems[0])}`,
    ),
  });
}
