import { Argument, Command, Option } from 'commander';
import { ENVIRONMENT_NAMES, type EnvironmentName } from '../core/config-schema.js';
import { labEnvOutcome, labStatusOutcome, labUpOutcome } from '../ui/lab-render.js';
import type { CommandKit } from './command.js';
import { addLabDataCommands } from './lab-data.js';
import { faultPatch, labDir, positive, type FaultFlags } from './lab-options.js';

interface LabOptions {
  dir?: string;
}
type UpFlags = LabOptions & { patients: string; days: string; seed: string };

/** `lab …`: the embedded world (real PostgreSQL, reference cloud servers, TLS) on this machine. */
export function buildLabCommand({ t, action }: CommandKit): Command {
  const lab = new Command('lab').description(t('lab.cmd.summary')).addHelpText('after', `\n${t('lab.help.after')}`);
  const sub = (name: string, withEnv = false): Command => {
    const command = lab.command(name).description(t(`lab.${name}.summary`));
    if (withEnv) command.addArgument(new Argument('<env>', t('lab.arg.env')).choices([...ENVIRONMENT_NAMES]));
    return command.addOption(new Option('--dir <folder>', t('lab.option.dir')));
  };
  const ops = () => import('../lab/lab-ops.js');

  sub('up')
    .option('--patients <n>', t('lab.option.patients'), '200')
    .option('--days <n>', t('lab.option.days'), '60')
    .option('--seed <seed>', t('lab.option.seed'), 'orca')
    .action(
      action<UpFlags>(async (ctx, o) => {
        const { labUp } = await import('../lab/lab-up.js');
        const report = await labUp({
          dir: labDir(ctx, o.dir),
          patients: positive(o.patients, '--patients', 1_000_000),
          days: positive(o.days, '--days', 3650),
          seed: o.seed,
          progress: (step) => ctx.out.note(ctx.t(`lab.step.${step}`)),
        });
        return labUpOutcome(report, ctx.t);
      }),
    );

  sub('down').action(
    action<LabOptions>(async (ctx, o) => {
      const report = await (await ops()).labDown(labDir(ctx, o.dir));
      return { json: report, human: () => ctx.t('lab.down.done', { clusters: report.clustersStopped }) };
    }),
  );

  sub('status').action(
    action<LabOptions>(async (ctx, o) => labStatusOutcome(await (await ops()).labStatus(labDir(ctx, o.dir)), ctx.t)),
  );

  sub('path').action(
    action<LabOptions>(async (ctx, o) => {
      const config = (await import('../lab/layout.js')).labLayout(labDir(ctx, o.dir)).config;
      return { json: { config }, human: () => config };
    }),
  );

  sub('nightly').action(
    action<LabOptions>(async (ctx, o) => {
      const { openLab, labNightly } = await ops();
      const backup = (await labNightly(await openLab(labDir(ctx, o.dir)))) as { id?: string } | null;
      return { json: backup, human: () => ctx.t('lab.nightly.done', { id: backup?.id ?? '?' }) };
    }),
  );

  for (const [name, outage] of [
    ['outage', true],
    ['recover', false],
  ] as const) {
    sub(name, true).action(
      action<LabOptions>(async (ctx, o, args) => {
        const { openLab, labOutage, labRecover } = await ops();
        const env = args[0] as EnvironmentName;
        await (outage ? labOutage : labRecover)(await openLab(labDir(ctx, o.dir)), env);
        return labEnvOutcome(env, { env, outage }, `lab.${name}.done`, ctx.t);
      }),
    );
  }

  sub('fault', true)
    .option('--slow <ms>', t('lab.fault.slow'))
    .option('--reset-after <bytes>', t('lab.fault.resetAfter'))
    .option('--corrupt-at <offset>', t('lab.fault.corruptAt'))
    .option('--truncate-after <bytes>', t('lab.fault.truncateAfter'))
    .option('--fail-next <k>', t('lab.fault.failNext'))
    .option('--blackhole', t('lab.fault.blackhole'))
    .option('--times <n>', t('lab.fault.times'))
    .option('--clear', t('lab.fault.clear'))
    .action(
      action<LabOptions & FaultFlags>(async (ctx, o, args) => {
        const { openLab, setFaults } = await ops();
        const env = args[0] as EnvironmentName;
        const state = await setFaults(await openLab(labDir(ctx, o.dir)), env, o.clear ? null : faultPatch(o));
        return labEnvOutcome(env, state, null, ctx.t);
      }),
    );

  addLabDataCommands({ t, action }, sub);
  return lab;
}
