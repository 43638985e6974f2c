/** The systemd user units of `schedule` (`~/.config/systemd/user`), enabled with `systemctl --user`. */
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { SCHEDULED_JOBS, jobIdentity, type ScheduledJobName } from '../../core/schedule-artefacts.js';
import { renderSystemdJob } from '../../core/systemd-units.js';
import { replaceFileAtomically } from '../fs/atomic-write.js';
import { runProcess } from '../process/run.js';
import { removeAllJobs, removeJobsNotIn } from './job-set.js';
import type { SchedulerTarget } from './os-scheduler.js';

export function systemdTarget(): SchedulerTarget {
  const dir = join(process.env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'systemd', 'user');
  const files = (name: ScheduledJobName) => {
    const unit = jobIdentity(name).systemdUnit;
    return { unit, service: join(dir, `${unit}.service`), timer: join(dir, `${unit}.timer`) };
  };
  const systemctl = (...args: string[]) => runProcess('systemctl', ['--user', ...args], { timeoutMs: 60_000 });
  async function remove(name: ScheduledJobName): Promise<boolean> {
    const f = files(name);
    if (!existsSync(f.timer) && !existsSync(f.service)) return false;
    await runProcess('systemctl', ['--user', 'disable', '--now', `${f.unit}.timer`], {
      reject: false,
      timeoutMs: 60_000,
    });
    await rm(f.timer, { force: true });
    await rm(f.service, { force: true });
    return true;
  }
  return {
    platform: 'systemd',
    artefacts(plan) {
      return plan.jobs.flatMap((job) => {
        const units = renderSystemdJob(plan, job);
        const f = files(job.name);
        return [
          { job: job.name, path: f.service, name: f.service, content: units.service, encoding: 'utf8' as const },
          { job: job.name, path: f.timer, name: f.timer, content: units.timer, encoding: 'utf8' as const },
        ];
      });
    },
    async install(plan) {
      const artefacts = this.artefacts(plan);
      await mkdir(dir, { recursive: true });
      for (const a of artefacts) await replaceFileAtomically(a.path!, a.content);
      await removeJobsNotIn(plan, remove);
      await systemctl('daemon-reload');
      for (const job of plan.jobs) await systemctl('enable', '--now', `${files(job.name).unit}.timer`);
    },
    async uninstall() {
      const removed = await removeAllJobs(remove);
      if (removed) await systemctl('daemon-reload');
      return removed;
    },
    async status() {
      const jobs = SCHEDULED_JOBS.filter((name) => existsSync(files(name).timer) && existsSync(files(name).service));
      return { available: true, jobs };
    },
  };
}
