import { Argument, Command, Option } from 'commander';
import { resolve } from 'node:path';
import { ENVIRONMENT_NAMES, type EnvironmentName } from '../core/config-schema.js';
import { UsageError } from '../core/errors.js';
import { defaultLabDir } from '../adapters/fs/paths.js';
import { quoteForShell, toolCommand } from '../ui/invocation.js';
import { action } from './action.js';
import type { CommandContext } from './context.js';
import { helpTranslator } from './help-language.js';

interface LabOptions {
  dir?: string;
}

/** `lab …`: the embedded world (real PostgreSQL, reference cloud servers, TLS) on this machine. */
export function buildLabCommand(): Command {
  const t = helpTranslator();
  const dirOption = () => new Option('--dir <folder>', t('lab.option.dir'));
  const envArgument = () => new Argument('<env>', t('lab.arg.env')).choices([...ENVIRONMENT_NAMES]);
  const lab = new Command('lab').description(t('lab.cmd.summary')).addHelpText('after', `\n${t('lab.help.after')}`);

  lab
    .command('up')
    .description(t('lab.up.summary'))
    .addOption(dirOption())
    .option('--patients <n>', t('lab.option.patients'), '200')
    .option('--days <n>', t('lab.option.days'), '60')
    .option('--seed <seed>', t('lab.option.seed'), 'orca')
    .action(
      action<LabOptions & { patients: string; days: string; seed: string }>(async (ctx, o) => {
        const { labUp } = await import('../lab/lab-up.js');
        const report = await labUp({
          dir: labDir(ctx, o),
          patients: positive(o.patients, '--patients', 1_000_000),
          days: positive(o.days, '--days', 3650),
          seed: o.seed,
          progress: (step) => ctx.out.info(ctx.t(`lab.step.${step}`)),
        });
        const command = `${toolCommand()} --config ${quoteForShell(report.config)} status`;
        ctx.out.result(
          {
            dir: report.dir,
            config: report.config,
            alreadyUp: report.alreadyUp,
            urls: report.daemon.urls,
            statusCommand: command,
          },
          () =>
            [
              ctx.t(report.alreadyUp ? 'lab.up.already' : 'lab.up.done', { dir: report.dir }),
              ctx.t('lab.up.next'),
              `  ${command}`,
            ].join('\n'),
        );
      }),
    );

  lab
    .command('down')
    .description(t('lab.down.summary'))
    .addOption(dirOption())
    .action(
      action<LabOptions>(async (ctx, o) => {
        const { labDown } = await import('../lab/lab-ops.js');
        const report = await labDown(labDir(ctx, o));
        ctx.out.result(report, () => ctx.t('lab.down.done', { clusters: report.clustersStopped }));
      }),
    );

  lab
    .command('status')
    .description(t('lab.status.summary'))
    .addOption(dirOption())
    .action(
      action<LabOptions>(async (ctx, o) => {
        const { labStatus } = await import('../lab/lab-ops.js');
        const report = await labStatus(labDir(ctx, o));
        ctx.out.result(report, () => renderLabStatus(ctx, report));
      }),
    );

  lab
    .command('path')
    .description(t('lab.path.summary'))
    .addOption(dirOption())
    .action(
      action<LabOptions>(async (ctx, o) => {
        const { labLayout } = await import('../lab/layout.js');
        const config = labLayout(labDir(ctx, o)).config;
        ctx.out.result({ config }, () => config);
      }),
    );

  lab
    .command('nightly')
    .description(t('lab.nightly.summary'))
    .addOption(dirOption())
    .action(
      action<LabOptions>(async (ctx, o) => {
        const { openLab, labNightly } = await import('../lab/lab-ops.js');
        const backup = await labNightly(await openLab(labDir(ctx, o)));
        ctx.out.result(backup, () => ctx.t('lab.nightly.done', { id: (backup as { id?: string } | null)?.id ?? '?' }));
      }),
    );

  lab
    .command('outage')
    .description(t('lab.outage.summary'))
    .addArgument(envArgument())
    .addOption(dirOption())
    .action(
      action<LabOptions>(async (ctx, o, args) => {
        const { openLab, labOutage } = await import('../lab/lab-ops.js');
        const env = args[0] as EnvironmentName;
        await labOutage(await openLab(labDir(ctx, o)), env);
        ctx.out.result({ env, outage: true }, () => ctx.t('lab.outage.done', { env: ctx.t(`env.${env}`) }));
      }),
    );

  lab
    .command('recover')
    .description(t('lab.recover.summary'))
    .addArgument(envArgument())
    .addOption(dirOption())
    .action(
      action<LabOptions>(async (ctx, o, args) => {
        const { openLab, labRecover } = await import('../lab/lab-ops.js');
        const env = args[0] as EnvironmentName;
        await labRecover(await openLab(labDir(ctx, o)), env);
        ctx.out.result({ env, outage: false }, () => ctx.t('lab.recover.done', { env: ctx.t(`env.${env}`) }));
      }),
    );

  lab
    .command('fault')
    .description(t('lab.fault.summary'))
    .addArgument(envArgument())
    .addOption(dirOption())
    .option('--slow <ms>', t('lab.fault.slow'))
    .option('--reset-after <bytes>', t('lab.fault.resetAfter'))
    .option('--corrupt-at <offset>', t('lab.fault.corruptAt'))
    .option('--truncate-after <bytes>', t('lab.fault.truncateAfter'))
    .option('--fail-next <k>', t('lab.fault.failNext'))
    .option('--blackhole', t('lab.fault.blackhole'))
    .option('--rate <bits>', t('lab.fault.rate'))
    .option('--times <n>', t('lab.fault.times'))
    .option('--clear', t('lab.fault.clear'))
    .action(
      action<LabOptions & FaultFlags>(async (ctx, o, args) => {
        const { openLab, setFaults } = await import('../lab/lab-ops.js');
        const env = args[0] as EnvironmentName;
        const patch = o.clear ? null : faultPatch(o);
        const state = await setFaults(await openLab(labDir(ctx, o)), env, patch);
        ctx.out.result(state, () => `${ctx.t(`env.${env}`)}: ${JSON.stringify(state)}`);
      }),
    );

  lab
    .command('enter')
    .description(t('lab.enter.summary'))
    .addArgument(envArgument())
    .addOption(dirOption())
    .requiredOption('--visits <n>', t('lab.enter.visits'))
    .option('--new-patients <m>', t('lab.enter.newPatients'), '0')
    .option('--corrected <n>', t('lab.enter.corrected'), '0')
    .option('--renamed <n>', t('lab.enter.renamed'), '0')
    .option('--registered-only <n>', t('lab.enter.registeredOnly'), '0')
    .option('--seed <seed>', t('lab.option.seed'), 'enter')
    .action(
      action<LabOptions & EnterFlags>(async (ctx, o, args) => {
        const { openLab, connectLabDatabase } = await import('../lab/lab-ops.js');
        const { enterVisits } = await import('../lab/orca/enter.js');
        const env = args[0] as EnvironmentName;
        const client = await connectLabDatabase(await openLab(labDir(ctx, o)), env);
        try {
          const summary = await enterVisits(client, {
            visits: whole(o.visits, '--visits'),
            newPatients: whole(o.newPatients, '--new-patients'),
            seed: o.seed,
            corrected: whole(o.corrected, '--corrected'),
            renamed: whole(o.renamed, '--renamed'),
            registeredOnly: whole(o.registeredOnly, '--registered-only'),
          });
          ctx.out.result(summary, () => ctx.t('lab.enter.done', { env: ctx.t(`env.${env}`), visits: o.visits }));
        } finally {
          await client.end();
        }
      }),
    );
  return lab;
}

interface FaultFlags {
  slow?: string;
  resetAfter?: string;
  corruptAt?: string;
  truncateAfter?: string;
  failNext?: string;
  blackhole?: boolean;
  rate?: string;
  times?: string;
  clear?: boolean;
}
interface EnterFlags {
  visits: string;
  newPatients: string;
  corrected: string;
  renamed: string;
  registeredOnly: string;
  seed: string;
}

function labDir(ctx: CommandContext, o: LabOptions): string {
  return resolve(ctx.cwd, o.dir ?? ctx.env.ORCA_HYBRID_LAB_DIR ?? defaultLabDir(ctx.env));
}

function whole(value: string, flag: string, max = 1_000_000): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > max) throw new UsageError({ key: 'lab.badNumber', params: { flag, value, max } });
  return n;
}

function positive(value: string, flag: string, max: number): number {
  const n = whole(value, flag, max);
  if (n < 1) throw new UsageError({ key: 'lab.badNumber', params: { flag, value, max } });
  return n;
}

function faultPatch(o: FaultFlags): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  if (o.slow !== undefined) patch.delayMs = whole(o.slow, '--slow', 600_000);
  if (o.resetAfter !== undefined) patch.resetAfterBytes = whole(o.resetAfter, '--reset-after', Number.MAX_SAFE_INTEGER);
  if (o.corruptAt !== undefined) patch.corruptAtOffset = whole(o.corruptAt, '--corrupt-at', Number.MAX_SAFE_INTEGER);
  if (o.truncateAfter !== undefined)
    patch.truncateAfterBytes = whole(o.truncateAfter, '--truncate-after', Number.MAX_SAFE_INTEGER);
  if (o.failNext !== undefined) patch.failNext = whole(o.failNext, '--fail-next');
  if (o.blackhole) patch.blackhole = true;
  if (o.rate !== undefined) patch.rate = bitsPerSecond(o.rate);
  if (o.times !== undefined) patch.times = positive(o.times, '--times', 1_000_000);
  if (Object.keys(patch).length === 0) throw new UsageError({ key: 'lab.fault.none' });
  return patch;
}

/** `100M`, `1G`, `500k` or a plain number: bits per second (a link's speed), 8 kbit/s to 100 Gbit/s. */
function bitsPerSecond(value: string): number {
  const match = /^(\d+(?:\.\d+)?)([kKmMgG]?)$/.exec(value.trim());
  const unit = { '': 1, k: 1e3, m: 1e6, g: 1e9 }[(match?.[2] ?? '').toLowerCase() as '' | 'k' | 'm' | 'g'];
  const n = match ? Math.round(Number(match[1]) * unit) : NaN;
  if (!Number.isSafeInteger(n) || n < 8_000 || n > 100e9)
    throw new UsageError({ key: 'lab.fault.badRate', params: { value: value.slice(0, 40) } });
  return n;
}

function renderLabStatus(
  ctx: CommandContext,
  report: Awaited<ReturnType<(typeof import('../lab/lab-ops.js'))['labStatus']>>,
): string {
  if (!report.exists) return ctx.t('lab.status.none', { dir: report.dir });
  const lines = [
    ctx.t('lab.status.dir', { dir: report.dir }),
    ctx.t('lab.status.config', { config: report.config ?? '' }),
  ];
  lines.push(
    report.daemon
      ? ctx.t('lab.status.daemon', {
          pid: report.daemon.pid,
          operating: report.daemon.urls.operating,
          cloudEmergency: report.daemon.urls.cloudEmergency,
          local: report.daemon.urls.localApi,
        })
      : ctx.t('lab.status.daemonDown'),
  );
  for (const [name, c] of Object.entries(report.clusters ?? {})) {
    lines.push(
      ctx.t(c.running ? 'lab.status.cluster' : 'lab.status.clusterDown', {
        name,
        port: c.port ?? '-',
        pid: c.pid ?? '-',
      }),
    );
  }
  for (const [env, f] of Object.entries(report.faults ?? {}))
    lines.push(`  ${ctx.t(`env.${env}`)}: ${JSON.stringify(f)}`);
  return lines.join('\n');
}
