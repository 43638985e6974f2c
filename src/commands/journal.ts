import { Command } from 'commander';
import { UsageError } from '../core/errors.js';
import { parseSince } from '../core/journal.js';
import { readJournal } from '../adapters/fs/journal-file.js';
import { renderJournalTable } from '../ui/journal-table.js';
import { action } from './action.js';
import type { CommandContext } from './context.js';
import { helpTranslator } from './help-language.js';
import { resolveStateDir } from './state-dir.js';

export interface JournalOptions {
  since?: string;
  stateDir?: string;
  wide?: boolean;
}

/** `journal [--since <date>] [--json]`: the audit journal, a table for people, a JSON array for scripts. */
export function buildJournalCommand(): Command {
  const t = helpTranslator();
  // exitOverride: a parse error reaches main() and exits 2 (commander alone would exit 1).
  return new Command('journal')
    .exitOverride()
    .description(t('journal.cmd.summary'))
    .option('--since <date>', t('journal.option.since'))
    .option('--state-dir <dir>', t('state.option.stateDir'))
    .option('--wide', t('journal.option.wide'))
    .action(action<JournalOptions>(runJournal));
}

/** Read-only: never writes state or journal. Unreadable lines are skipped with a warning on stderr. */
export async function runJournal(ctx: CommandContext, options: JournalOptions): Promise<void> {
  let since: Date | undefined;
  if (options.since !== undefined) {
    since = parseSince(options.since, new Date()) ?? undefined;
    if (since === undefined) throw new UsageError({ key: 'journal.badSince', params: { value: options.since } });
  }
  const stateDir = await resolveStateDir(ctx, { flag: options.stateDir, tolerateBrokenConfig: true });
  const reading = await readJournal(stateDir, { since });
  for (const problem of reading.problems) ctx.out.warn(ctx.t(`journal.${problem.kind}`, { line: problem.line }));
  ctx.out.result(reading.entries, () =>
    renderJournalTable(reading.entries, ctx.t, { width: ctx.out.columns, wide: options.wide === true }),
  );
}
