/** `lab enter` and `lab check`: staff entering data in a lab environment as ORCA writes it, and ORCA's checks. */
import type { Command } from 'commander';
import type { EnvironmentName } from '../core/config-schema.js';
import type { CommandKit } from './command.js';
import { addEnterOptions, enterPlan, labDir, type EnterFlags } from './lab-options.js';

interface LabOptions {
  dir?: string;
}

export function addLabDataCommands({ t, action }: CommandKit, sub: (name: string, withEnv: boolean) => Command): void {
  const ops = () => import('../lab/lab-ops.js');
  addEnterOptions(sub('enter', true), t).action(
    action<LabOptions & EnterFlags>(async (ctx, o, args) => {
      const [{ openLab, connectLabDatabase }, { enterVisits }] = await Promise.all([
        ops(),
        import('../lab/orca/enter.js'),
      ]);
      const env = args[0] as EnvironmentName;
      const plan = enterPlan(o);
      const client = await connectLabDatabase(await openLab(labDir(ctx, o.dir)), env);
      const summary = await enterVisits(client, plan).finally(() => client.end());
      return { json: summary, human: () => ctx.t('lab.enter.done', { env: ctx.t(`env.${env}`), visits: o.visits }) };
    }),
  );

  sub('check', true).action(
    action<LabOptions>(async (ctx, o, args) => {
      const [{ openLab }, { labCheck, assertConsistent }] = await Promise.all([ops(), import('../lab/lab-check.js')]);
      const env = ctx.t(`env.${args[0]}`);
      const report = await labCheck(await openLab(labDir(ctx, o.dir)), args[0] as EnvironmentName);
      assertConsistent(report, env);
      return { json: report, human: () => ctx.t('lab.check.ok', { env, checks: report.checks.length }) };
    }),
  );
}
