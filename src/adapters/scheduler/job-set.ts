/** What every scheduler target does with this tool's set of jobs, whatever the scheduler. */
import { SCHEDULED_JOBS, type ScheduledJobName, type SchedulePlan } from '../../core/schedule-artefacts.js';

/** Removes the jobs of this tool that `plan` no longer has (installing without `--verify-daily`). */
export async function removeJobsNotIn(
  plan: SchedulePlan,
  remove: (name: ScheduledJobName) => Promise<boolean>,
): Promise<void> {
  for (const name of SCHEDULED_JOBS) if (!plan.jobs.some((j) => j.name === name)) await remove(name);
}

/** Removes every job of this tool; true when there was one. */
export async function removeAllJobs(remove: (name: ScheduledJobName) => Promise<boolean>): Promise<boolean> {
  let removed = false;
  for (const name of SCHEDULED_JOBS) removed = (await remove(name)) || removed;
  return removed;
}
