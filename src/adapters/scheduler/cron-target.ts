/** The crontab lines of `schedule` (Linux without systemd), through `crontab -l` / `crontab -`. */
import {
  SCHEDULED_JOBS,
  isOurCrontabLine,
  jobIdentity,
  renderCrontabLine,
  updateCrontab,
} from '../../core/schedule-artefacts.js';
import { UsageError } from '../../core/errors.js';
import { isMissingProgram, runProcess } from '../process/run.js';
import type { SchedulerTarget } from './os-scheduler.js';

export function cronTarget(user: string | undefined): SchedulerTarget {
  const userArgs = user ? ['-u', user] : [];
  async function read(): Promise<string> {
    const result = await runProcess('crontab', [...userArgs, '-l'], {
      reject: false,
      timeoutMs: 30_000,
      env: { LC_ALL: 'C' },
    });
    if (result.exitCode === 0) return result.stdout;
    if (/no crontab for/i.test(result.stderr)) return '';
    return runProcess('crontab', [...userArgs, '-l'], { timeoutMs: 30_000 }).then((r) => r.stdout);
  }
  /** The crontab, or a UsageError saying cron is not installed. */
  async function readForChange(): Promise<string> {
    try {
      return await read();
    } catch (error) {
      if (isMissingProgram(error))
        throw new UsageError({ key: 'schedule.cronMissing', hintKey: 'schedule.cronMissing.hint', cause: error });
      throw error;
    }
  }
  const write = (text: string) =>
    runProcess('crontab', [...userArgs, '-'], { input: text, timeoutMs: 30_000 }).then(() => undefined);
  return {
    platform: 'cron',
    artefacts: (plan) =>
      plan.jobs.map((job) => ({
        job: job.name,
        path: null,
        name: 'crontab',
        content: renderCrontabLine(plan, job) + '\n',
        encoding: 'utf8',
      })),
    async install(plan) {
      await write(
        updateCrontab(
          await readForChange(),
          plan.jobs.map((job) => renderCrontabLine(plan, job)),
        ),
      );
    },
    async uninstall() {
      const current = await readForChange();
      if (!current.split('\n').some(isOurCrontabLine)) return false;
      await write(updateCrontab(current, []));
      return true;
    },
    async status() {
      let text: string;
      try {
        text = await read();
      } catch (error) {
        if (isMissingProgram(error)) return { available: false, jobs: [] };
        throw error;
      }
      const lines = text.split('\n');
      const jobs = SCHEDULED_JOBS.filter((name) =>
        lines.some((l) => l.trimEnd().endsWith(jobIdentity(name).cronMarker)),
      );
      return { available: true, jobs };
    },
  };
}
