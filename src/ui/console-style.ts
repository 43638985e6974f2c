/**
 * What the console can show. Node writes to a Windows console through WriteConsoleW (UTF-16), so Japanese
 * shows in Windows Terminal, PowerShell and the legacy console alike. The legacy console (conhost, with
 * PowerShell 5 or cmd.exe) draws box-drawing characters two cells wide on a Japanese system and has no glyph
 * for ✓ or ⚠: there, and wherever the environment asks for it, the human output uses cli-table3's ASCII style
 * (`+`, `-`, `|`) and plain symbols. Same rules as the `is-unicode-supported` package, with the platform and
 * environment injected, plus `ORCA_HYBRID_ASCII=1` to ask for ASCII anywhere.
 */

/** cli-table3's `chars` for the ASCII style: what a table looks like where box drawing cannot show. */
export const ASCII_TABLE_CHARS = {
  top: '-',
  'top-mid': '+',
  'top-left': '+',
  'top-right': '+',
  bottom: '-',
  'bottom-mid': '+',
  'bottom-left': '+',
  'bottom-right': '+',
  left: '|',
  'left-mid': '+',
  mid: '-',
  'mid-mid': '+',
  right: '|',
  'right-mid': '+',
  middle: '|',
} as const;

/** Whether the console shows box drawing and symbols such as ✓ (else ASCII). */
export function unicodeConsole(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): boolean {
  const forced = env.ORCA_HYBRID_ASCII;
  if (forced !== undefined && forced !== '' && forced !== '0') return false;
  // The Linux virtual console's fonts lack most of these; every other POSIX terminal has them.
  if (platform !== 'win32') return env.TERM !== 'linux';
  return (
    Boolean(env.WT_SESSION) || // Windows Terminal
    Boolean(env.TERMINUS_SUBLIME) ||
    env.ConEmuTask === '{cmd::Cmder}' ||
    env.TERM_PROGRAM === 'vscode' ||
    env.TERM_PROGRAM === 'Terminus-Sublime' ||
    env.TERM === 'xterm-256color' || // mintty (Git Bash), MSYS2
    env.TERM === 'alacritty' ||
    env.TERM === 'rxvt-unicode' ||
    env.TERM === 'rxvt-unicode-256color' ||
    env.TERMINAL_EMULATOR === 'JetBrains-JediTerm'
  );
}

/** Box drawing → cli-table3's ASCII style, one character for one (a table keeps its column widths). */
const TABLE_TO_ASCII: Record<string, string> = {
  '─': '-',
  '│': '|',
  '┌': '+',
  '┐': '+',
  '└': '+',
  '┘': '+',
  '┬': '+',
  '┴': '+',
  '├': '+',
  '┤': '+',
  '┼': '+',
};

/** Symbols without a glyph in the legacy console's Japanese fonts. */
const SYMBOLS_TO_ASCII: Record<string, string> = { '✓': 'OK', '✔': 'OK', '✗': 'x', '✖': 'x', '⚠': '!', '·': '-' };

const PATTERN = new RegExp(`[${Object.keys({ ...TABLE_TO_ASCII, ...SYMBOLS_TO_ASCII }).join('')}]`, 'gu');

/** The human text as the ASCII console shows it (tables in cli-table3's ASCII style, plain symbols). */
export function toAsciiConsole(text: string): string {
  return text.replace(PATTERN, (char) => TABLE_TO_ASCII[char] ?? SYMBOLS_TO_ASCII[char] ?? char);
}
