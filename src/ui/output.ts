import { terminalTextKeepingStyles } from '../core/terminal-text.js';
import { toAsciiConsole } from './console-style.js';

/**
 * stdout is for results, stderr for everything else (STYLE.md §8). In `--json` mode a command writes
 * exactly one JSON document to stdout through `result`; warnings and progress still go to stderr. Where the
 * console cannot show box drawing (`unicode: false`, see console-style.ts) the human text is written in
 * ASCII; JSON's data is never changed (its escaping keeps C0 controls and ESC inert; DEL, C1 controls and
 * bidi overrides are written escaped too: the same values). Human text is stripped of every
 * terminal control but the renderers' own colours (`core/terminal-text.ts`): a server's or a file's text
 * cannot move the cursor, retitle the window or print over a line.
 */
export interface OutputOptions {
  json: boolean;
  verbose: boolean;
  color: boolean;
  /** The console shows box drawing and ✓ (default true); false: cli-table3's ASCII style and plain symbols. */
  unicode?: boolean;
  stdout?: NodeJS.WritableStream & { isTTY?: boolean };
  stderr?: NodeJS.WritableStream & { isTTY?: boolean };
}

export class Output {
  readonly json: boolean;
  readonly verbose: boolean;
  readonly color: boolean;
  readonly unicode: boolean;
  private readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  private readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };

  constructor(options: OutputOptions) {
    this.json = options.json;
    this.verbose = options.verbose;
    this.stdout = options.stdout ?? process.stdout;
    this.stderr = options.stderr ?? process.stderr;
    this.color = options.color && Boolean(this.stdout.isTTY);
    this.unicode = options.unicode ?? true;
  }

  private shown(text: string): string {
    const clean = terminalTextKeepingStyles(text);
    return this.unicode ? clean : toAsciiConsole(clean);
  }

  /** True when a person watches stderr: spinners and progress bars only then. */
  get interactiveStderr(): boolean {
    return Boolean(this.stderr.isTTY) && !this.json;
  }

  /** The command's result: JSON document or the human rendering. */
  result(data: unknown, renderHuman: () => string): void {
    if (this.json) {
      this.stdout.write(jsonForTerminal(data) + '\n');
    } else {
      const text = this.shown(renderHuman());
      if (text.length > 0) this.stdout.write(text.endsWith('\n') ? text : text + '\n');
    }
  }

  /** A plain line on stdout for human output (ignored in JSON mode). */
  line(text: string): void {
    if (!this.json) this.stdout.write(this.shown(text) + '\n');
  }

  /** A line for the person on stderr: a notice, a warning, a step. */
  note(text: string): void {
    this.stderr.write(this.shown(text) + '\n');
  }

  debug(text: string): void {
    if (this.verbose) this.stderr.write(this.shown(text) + '\n');
  }

  /**
   * Columns human output may use: the terminal's width on a terminal, else `COLUMNS`, else 80 (a log or a
   * pipe gets the narrow layout; `--wide` prints everything whatever the width).
   */
  get columns(): number {
    const tty = (this.stdout as { columns?: number }).columns;
    if (this.stdout.isTTY && tty && tty > 0) return tty;
    const env = Number(process.env.COLUMNS);
    return Number.isInteger(env) && env > 0 ? env : 80;
  }

  /** Raw stderr stream, for spinners and progress bars. */
  get errorStream(): NodeJS.WritableStream & { isTTY?: boolean } {
    return this.stderr;
  }
}

/** JSON text whose DEL, C1 controls and bidi overrides are `\uXXXX` escapes: the same document, inert on a terminal. */
function jsonForTerminal(data: unknown): string {
  return JSON.stringify(data, null, 2).replace(
    /[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
