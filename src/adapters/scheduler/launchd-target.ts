/** The launchd agents of `schedule` (`~/Library/LaunchAgents`), loaded with `launchctl bootstrap`. */
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import {
  SCHEDULED_JOBS,
  jobIdentity,
  renderLaunchdPlist,
  type ScheduledJobName,
} from '../../core/schedule-artefacts.js';
import { replaceFileAtomically } from '../fs/atomic-write.js';
import { runProcess } from '../process/run.js';
import { removeAllJobs, removeJobsNotIn } from './job-set.js';
import type { SchedulerTarget } from './os-scheduler.js';

export function launchdTarget(): SchedulerTarget {
  const agents = join(homedir(), 'Library', 'LaunchAgents');
  const domain = `gui/${userInfo().uid}`;
  const plistOf = (name: ScheduledJobName) => join(agents, `${jobIdentity(name).launchdLabel}.plist`);
  const bootout = (name: ScheduledJobName) =>
    runProcess('launchctl', ['bootout', `${domain}/${jobIdentity(name).launchdLabel}`], {
      reject: false,
      timeoutMs: 30_000,
    });
  async function remove(name: ScheduledJobName): Promise<boolean> {
    if (!existsSync(plistOf(name))) return false;
    await bootout(name);
    await rm(plistOf(name), { force: true });
    return true;
  }
  return {
    platform: 'launchd',
    artefacts: (plan) =>
      plan.jobs.map((job) => ({
        job: job.name,
        path: plistOf(job.name),
        name: plistOf(job.name),
        content: renderLaunchdPlist(plan, job),
        encoding: 'utf8',
      })),
    async install(plan) {
      await mkdir(agents, { recursive: true });
      for (const job of plan.jobs) {
        await bootout(job.name);
        await replaceFileAtomically(plistOf(job.name), renderLaunchdPlist(plan, job));
        await runProcess('launchctl', ['bootstrap', domain, plistOf(job.name)], { timeoutMs: 30_000 });
      }
      await removeJobsNotIn(plan, remove);
    },
    uninstall: () => removeAllJobs(remove),
    async status() {
      return { available: true, jobs: SCHEDULED_JOBS.filter((name) => existsSync(plistOf(name))) };
    },
  };
}
