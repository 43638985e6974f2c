/** The option values of the `lab` commands: its folder, whole numbers, fault knobs (docs/lab.md). */
import { resolve } from 'node:path';
import { UsageError } from '../core/errors.js';
import { defaultLabDir } from '../adapters/fs/paths.js';
import type { Command } from 'commander';
import type { Translate } from '../ui/i18n.js';
import type { CommandContext } from './context.js';

export interface FaultFlags {
  slow?: string;
  resetAfter?: string;
  corruptAt?: string;
  truncateAfter?: string;
  failNext?: string;
  blackhole?: boolean;
  times?: string;
  clear?: boolean;
}

/** The `lab enter` case switches (docs/lab.md), each a count: plan key → option. */
const ENTER_CASES = {
  corrected: 'corrected',
  renamed: 'renamed',
  registeredOnly: 'registered-only',
  secondDepartment: 'second-department',
  secondInsurance: 'second-insurance',
  manyZai: 'many-zai',
  sameZaiAgain: 'same-zai-again',
  admission: 'admission',
  insuranceChange: 'insurance-change',
  diseaseEnd: 'disease-end',
  diseaseDelete: 'disease-delete',
} as const;
type EnterCase = keyof typeof ENTER_CASES;

export type EnterFlags = { visits: string; newPatients: string; seed: string } & Record<EnterCase, string>;

export function addEnterOptions(command: Command, t: Translate): Command {
  command
    .requiredOption('--visits <n>', t('lab.enter.visits'))
    .option('--new-patients <m>', t('lab.enter.newPatients'), '0');
  for (const [key, flag] of Object.entries(ENTER_CASES)) command.option(`--${flag} <n>`, t(`lab.enter.${key}`), '0');
  return command.option('--seed <seed>', t('lab.option.seed'), 'enter');
}

/** `--dir`, else ORCA_HYBRID_LAB_DIR, else the user's lab folder. */
export function labDir(ctx: CommandContext, dir: string | undefined): string {
  return resolve(ctx.cwd, dir ?? ctx.env.ORCA_HYBRID_LAB_DIR ?? defaultLabDir(ctx.env));
}

export function whole(value: string, flag: string, max = 1_000_000): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > max) throw new UsageError({ key: 'lab.badNumber', params: { flag, value, max } });
  return n;
}

export function positive(value: string, flag: string, max: number): number {
  const n = whole(value, flag, max);
  if (n < 1) throw new UsageError({ key: 'lab.badNumber', params: { flag, value, max } });
  return n;
}

/** The knobs to set (`--slow` is in ms: the lab's raw knob, not a duration option); none given is refused. */
export function faultPatch(o: FaultFlags): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  const huge = Number.MAX_SAFE_INTEGER;
  if (o.slow !== undefined) patch.delayMs = whole(o.slow, '--slow', 600_000);
  if (o.resetAfter !== undefined) patch.resetAfterBytes = whole(o.resetAfter, '--reset-after', huge);
  if (o.corruptAt !== undefined) patch.corruptAtOffset = whole(o.corruptAt, '--corrupt-at', huge);
  if (o.truncateAfter !== undefined) patch.truncateAfterBytes = whole(o.truncateAfter, '--truncate-after', huge);
  if (o.failNext !== undefined) patch.failNext = whole(o.failNext, '--fail-next');
  if (o.blackhole) patch.blackhole = true;
  if (o.times !== undefined) patch.times = positive(o.times, '--times', 1_000_000);
  if (Object.keys(patch).length === 0) throw new UsageError({ key: 'lab.fault.none' });
  return patch;
}

/** What `lab enter` enters, checked. */
export function enterPlan(o: EnterFlags) {
  const cases = Object.entries(ENTER_CASES).map(([key, flag]) => [key, whole(o[key as EnterCase], `--${flag}`)]);
  return {
    visits: whole(o.visits, '--visits'),
    newPatients: whole(o.newPatients, '--new-patients'),
    seed: o.seed,
    ...(Object.fromEntries(cases) as Record<EnterCase, number>),
  };
}
