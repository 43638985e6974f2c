import { Command } from 'commander';
import { readJournal } from '../adapters/fs/journal-file.js';
import { journalOutcome } from '../ui/state-render.js';
import type { CommandKit, CommandOutcome } from './command.js';
import type { CommandContext } from './context.js';
import { sinceOption } from './options.js';
import { resolveStateDir } from './state-dir.js';

export interface JournalOptions {
  since?: string;
  stateDir?: string;
  wide?: boolean;
}

/** `journal [--since <date|age>] [--json]`: the audit journal, a table for people, a JSON array for scripts. */
export function buildJournalCommand({ t, action }: CommandKit): Command {
  return new Command('journal')
    .description(t('journal.cmd.summary'))
    .option('--since <date>', t('journal.option.since'))
    .option('--state-dir <dir>', t('state.option.stateDir'))
    .option('--wide', t('journal.option.wide'))
    .action(action<JournalOptions>(runJournal));
}

/** Read-only: never writes state or journal. Unreadable lines are skipped with a warning on stderr. */
export async function runJournal(ctx: CommandContext, options: JournalOptions): Promise<CommandOutcome> {
  const since = sinceOption(options.since, new Date());
  const stateDir = await resolveStateDir(ctx, { flag: options.stateDir, tolerateBrokenConfig: true });
  const reading = await readJournal(stateDir, { since });
  for (const problem of reading.problems) ctx.out.note(ctx.t(`journal.${problem.kind}`, { line: problem.line }));
  return journalOutcome(reading.entries, ctx.t, { width: ctx.out.columns, wide: options.wide === true });
}
