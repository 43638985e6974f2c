/** The Task Scheduler tasks of `schedule`, registered with `schtasks /Create /XML` from a UTF-16 file. */
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  SCHEDULED_JOBS,
  jobIdentity,
  renderWindowsTask,
  type ScheduledJobName,
} from '../../core/schedule-artefacts.js';
import { runProcess } from '../process/run.js';
import { removeAllJobs, removeJobsNotIn } from './job-set.js';
import type { SchedulerTarget } from './os-scheduler.js';

/** UTF-16LE with a byte-order mark, as `schtasks /XML` expects. */
export function encodeUtf16(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
}

export function windowsTarget(): SchedulerTarget {
  const taskOf = (name: ScheduledJobName) => jobIdentity(name).windowsTask;
  const exists = async (name: ScheduledJobName) =>
    (await runProcess('schtasks', ['/Query', '/TN', taskOf(name)], { reject: false, timeoutMs: 60_000 })).exitCode ===
    0;
  async function remove(name: ScheduledJobName): Promise<boolean> {
    if (!(await exists(name))) return false;
    await runProcess('schtasks', ['/Delete', '/TN', taskOf(name), '/F'], { timeoutMs: 60_000 });
    return true;
  }
  return {
    platform: 'windows',
    artefacts: (plan) =>
      plan.jobs.map((job) => ({
        job: job.name,
        path: null,
        name: taskOf(job.name),
        content: renderWindowsTask(plan, job, nextHour()),
        encoding: 'utf16le',
      })),
    async install(plan) {
      for (const job of plan.jobs) {
        const file = join(tmpdir(), `orca-hybrid-task-${process.pid}-${job.name}.xml`);
        await writeFile(file, encodeUtf16(renderWindowsTask(plan, job, nextHour())), { mode: 0o600 });
        try {
          await runProcess('schtasks', ['/Create', '/TN', taskOf(job.name), '/XML', file, '/F'], {
            timeoutMs: 60_000,
          });
        } finally {
          await rm(file, { force: true });
        }
      }
      await removeJobsNotIn(plan, remove);
    },
    uninstall: () => removeAllJobs(remove),
    async status() {
      const jobs: ScheduledJobName[] = [];
      for (const name of SCHEDULED_JOBS) if (await exists(name)) jobs.push(name);
      return { available: true, jobs };
    },
  };
}

function nextHour(): Date {
  const d = new Date();
  d.setMinutes(0, 0, 0);
  d.setHours(d.getHours() + 1);
  return d;
}
