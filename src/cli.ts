import { Command, CommanderError, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { COMMANDS } from './commands/registry.js';
import { ExitCode, isOrcaError, type OrcaError } from './core/errors.js';
import { activeLanguage, chooseLanguage, translator, type Translate } from './ui/i18n.js';

const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string })
  .version;

/** Builds the program; loads only the builder of the command named in argv (help stays fast). */
export async function buildProgram(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<Command> {
  const lang = chooseLanguage(flagValue(argv, '--lang'), undefined, env);
  const program = new Command('orca-hybrid')
    .description(
      lang === 'ja'
        ? 'WebORCA ハイブリッドサービスの運用ツール: バックアップ、応急措置環境への切り替え、復旧後の差分コピー'
        : "Disaster recovery for a clinic's WebORCA: backups, switching to an emergency environment, copying back",
    )
    .version(version, '-V, --version', lang === 'ja' ? 'バージョンを表示' : 'output the version number')
    .option('--config <file>', lang === 'ja' ? '設定ファイルのパス' : 'configuration file')
    .option('--json', lang === 'ja' ? '結果を JSON で標準出力へ' : 'write the result as one JSON document to stdout')
    .addOption(new Option('--lang <lang>', lang === 'ja' ? '表示言語' : 'message language').choices(['ja', 'en']))
    .option('--verbose', lang === 'ja' ? '詳細を表示' : 'show details and stack traces')
    .option('--yes', lang === 'ja' ? '確認を省略 (無人実行用)' : 'answer yes to confirmations (unattended runs)')
    .option('--no-color', lang === 'ja' ? '色を使わない (NO_COLOR も可)' : 'no colour (NO_COLOR is honoured too)')
    .helpOption('-h, --help', HELP_TEXT[lang])
    .showHelpAfterError()
    .exitOverride();

  const word = firstCommandWord(argv);
  const entry = COMMANDS.find((c) => c.name === word);
  if (entry) {
    const build = await entry.load();
    program.addCommand(inheritSettings(build(), lang));
  } else {
    for (const c of COMMANDS) program.command(c.name).description(c.summary[lang]);
  }
  return program;
}

/**
 * `addCommand` does not pass `exitOverride` down: without it a subcommand's parse error would exit 1, not 2.
 * The help option's text follows the language too.
 */
function inheritSettings(command: Command, lang: 'ja' | 'en'): Command {
  command.exitOverride().helpOption('-h, --help', HELP_TEXT[lang]);
  for (const sub of command.commands) inheritSettings(sub, lang);
  return command;
}

const HELP_TEXT = { ja: 'このコマンドのヘルプを表示', en: 'display help for command' } as const;

/** The first argument that is not a global option (or its value). */
function firstCommandWord(argv: string[]): string | undefined {
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

function flagValue(argv: string[], flag: string): string | undefined {
  const i = argv.indexOf(flag);
  if (i >= 0) return argv[i + 1];
  const inline = argv.find((a) => a.startsWith(flag + '='));
  return inline?.slice(flag.length + 1);
}

/** Entry point: runs the program, maps every error to its exit code once (STYLE.md §7). */
export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
  process.stdout.on('error', quietOnEpipe);
  process.stderr.on('error', quietOnEpipe);
  const initial = chooseLanguage(flagValue(argv, '--lang'), undefined, process.env);
  const verbose = argv.includes('--verbose');
  const json = argv.includes('--json');
  try {
    const program = await buildProgram(argv);
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    // The configured language applies to errors too once the config was read.
    process.exitCode = reportError(error, translator(activeLanguage() ?? initial), verbose, json);
  }
}

function quietOnEpipe(error: NodeJS.ErrnoException): void {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
}

function reportError(error: unknown, t: Translate, verbose: boolean, json: boolean): number {
  if (error instanceof CommanderError) {
    // Help and version are "errors" under exitOverride; commander already printed them.
    if (
      error.code === 'commander.helpDisplayed' ||
      error.code === 'commander.version' ||
      error.code === 'commander.help'
    )
      return 0;
    return ExitCode.usage;
  }
  if (isOrcaError(error)) {
    writeOrcaError(error, t, verbose, json);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(
    `${t('error.prefix')}: ${t('error.unexpected', { message })}\n${t('error.hint')}: ${t('error.unexpected.hint')}\n`,
  );
  if (verbose && error instanceof Error && error.stack)
    process.stderr.write(`${t('error.verboseStack')}\n${error.stack}\n`);
  if (json)
    process.stdout.write(JSON.stringify({ error: { code: 'UNEXPECTED', exitCode: 1, message } }, null, 2) + '\n');
  return ExitCode.unexpected;
}

function writeOrcaError(error: OrcaError, t: Translate, verbose: boolean, json: boolean): void {
  const message = t(error.key, error.params);
  const hint = error.hintKey ? t(error.hintKey, error.hintParams) : undefined;
  const lines = [`${t('error.prefix')}: ${message}`, ...error.details.map((d) => `  ${d}`)];
  if (hint) lines.push(`${t('error.hint')}: ${hint}`);
  process.stderr.write(lines.join('\n') + '\n');
  if (verbose && error.stack) process.stderr.write(`${t('error.verboseStack')}\n${error.stack}\n`);
  if (json) {
    const doc = {
      error: { code: error.code, exitCode: error.exitCode, message, details: error.details, hint: hint ?? null },
    };
    process.stdout.write(JSON.stringify(doc, null, 2) + '\n');
  }
}
