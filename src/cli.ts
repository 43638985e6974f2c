import { Command, CommanderError, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { COMMANDS } from './commands/registry.js';
import { CommandSession } from './commands/session.js';
import { ExitCode, UsageError } from './core/errors.js';
import { chooseLanguage, translator, type Language } from './ui/i18n.js';
import { unicodeConsole } from './ui/console-style.js';
import { Output } from './ui/output.js';
import { exitCodeOf, writeEnding, type RunEnding } from './ui/run-report.js';

const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string })
  .version;
const LANGUAGES = ['ja', 'en'];

/** Builds the program; loads only the builder of the command named in argv (help stays fast). */
export async function buildProgram(argv: readonly string[], session: CommandSession): Promise<Command> {
  const lang = chooseLanguage(flagValue(argv, '--lang'), undefined, session.env);
  const program = new Command('orca-hybrid')
    .description(
      lang === 'ja'
        ? 'WebORCA ハイブリッドサービスの運用ツール: バックアップ、応急措置環境への切り替え、復旧後の差分コピー'
        : "Disaster recovery for a clinic's WebORCA: backups, switching to an emergency environment, copying back",
    )
    .version(version, '-V, --version', lang === 'ja' ? 'バージョンを表示' : 'output the version number')
    .option('--config <file>', lang === 'ja' ? '設定ファイルのパス' : 'configuration file')
    .option('--json', lang === 'ja' ? '結果を JSON で標準出力へ' : 'write the result as one JSON document to stdout')
    .addOption(new Option('--lang <lang>', lang === 'ja' ? '表示言語' : 'message language').choices(LANGUAGES))
    .option('--verbose', lang === 'ja' ? '詳細を表示' : 'show details and stack traces')
    .option('--yes', lang === 'ja' ? '確認を省略 (無人実行用)' : 'answer yes to confirmations (unattended runs)')
    .option('--no-color', lang === 'ja' ? '色を使わない (NO_COLOR も可)' : 'no colour (NO_COLOR is honoured too)')
    .helpOption('-h, --help', HELP_TEXT[lang])
    .showHelpAfterError()
    .exitOverride();

  const entry = COMMANDS.find((c) => c.name === firstCommandWord(argv));
  if (entry) {
    const build = await entry.load();
    program.addCommand(inheritSettings(build(session.kit(translator(lang))), lang));
  } else {
    for (const c of COMMANDS) program.command(c.name).description(c.summary[lang]);
  }
  return program;
}

/**
 * `addCommand` does not pass `exitOverride` down: without it a subcommand's parse error would exit 1, not 2.
 * The help option's text follows the language too.
 */
function inheritSettings(command: Command, lang: Language): Command {
  command.exitOverride().helpOption('-h, --help', HELP_TEXT[lang]);
  for (const sub of command.commands) inheritSettings(sub, lang);
  return command;
}

const HELP_TEXT = { ja: 'このコマンドのヘルプを表示', en: 'display help for command' } as const;

/** The first argument that is not a global option (or its value). */
function firstCommandWord(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--config' || arg === '--lang') {
      i++;
      continue;
    }
    if (arg.startsWith('-')) continue;
    return arg;
  }
  return undefined;
}

function flagValue(argv: readonly string[], flag: string): string | undefined {
  const i = argv.indexOf(flag);
  if (i >= 0) return argv[i + 1];
  const inline = argv.find((a) => a.startsWith(flag + '='));
  return inline?.slice(flag.length + 1);
}

/**
 * Entry point, and the one place a run ends (STYLE.md §7): the command's outcome or error becomes the exit
 * code, the journal line is written with it, held resources are released, then stderr gets the error and
 * stdout the one result.
 */
export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
  process.stdout.on('error', quietOnEpipe);
  process.stderr.on('error', quietOnEpipe);
  const lang = flagValue(argv, '--lang');
  // A second Ctrl-C quits at once; the lock is removed on exit while it is still this run's.
  const quitNow = () => process.exit(ExitCode.cancelled);
  const session = new CommandSession(argv, process.env, LANGUAGES.includes(lang ?? '') ? lang : undefined, quitNow);
  let ending: RunEnding;
  try {
    if (lang !== undefined && !LANGUAGES.includes(lang))
      throw new UsageError({
        key: 'error.badLanguage',
        params: { value: lang.slice(0, 20) },
        hintKey: 'error.badLanguage.hint',
      });
    await (await buildProgram(argv, session)).parseAsync(argv, { from: 'user' });
    ending = session.outcome ? { kind: 'outcome', ...session.outcome } : { kind: 'quiet' };
  } catch (error) {
    ending = endingOf(error);
  }
  let exitCode = exitCodeOf(ending);
  const unrecorded = await session.end(exitCode, ending.kind === 'outcome' ? ending.error : errorOf(ending));
  if (unrecorded !== undefined) {
    ending = { kind: 'error', error: unrecorded };
    exitCode = exitCodeOf(ending);
  }
  writeEnding(ending, session.ctx?.out ?? fallbackOutput(argv), session.t);
  process.exitCode = exitCode;
}

function endingOf(error: unknown): RunEnding {
  if (!(error instanceof CommanderError)) return { kind: 'error', error };
  // Help and version are "errors" under exitOverride; commander already printed them.
  if (['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code)) return { kind: 'quiet' };
  return { kind: 'usage', message: error.message.replace(/^error:\s*/, '') };
}

function errorOf(ending: RunEnding): unknown {
  return ending.kind === 'error' ? ending.error : undefined;
}

/** The output of a run that ended before a command got its context (a usage error, an unknown command). */
function fallbackOutput(argv: readonly string[]): Output {
  return new Output({
    json: argv.includes('--json'),
    verbose: argv.includes('--verbose'),
    color: false,
    unicode: unicodeConsole(process.env, process.platform),
  });
}

function quietOnEpipe(error: NodeJS.ErrnoException): void {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
}
