import { toAsciiConsole } from './console-style.js';

/**
 * stdout is for results, stderr for everything else (STYLE.md §8). In `--json` mode a command writes
 * exactly one JSON document to stdout through `result`; warnings and progress still go to stderr. Where the
 * console cannot show box drawing (`unicode: false`, see console-style.ts) the human text is written in
 * ASCII; JSON is never changed.
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
    return this.unicode ? text : toAsciiConsole(text);
  }

  /** True when a person watches stderr: spinners and progress bars only then. */
  get interactiveStderr(): boolean {
    return Boolean(this.stderr.isTTY) && !this.json;
  }

  /** The command's result: JSON document or the human rendering. */
  result(data: unknown, renderHuman: () => string): void {
    if (this.json) {
      this.stdout.write(JSON.stringify(data, null, 2) + '\n');
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

  /** Raw stderr stream, for spinners and progress bars. */
  get errorStream(): NodeJS.WritableStream & { isTTY?: boolean } {
    return this.stderr;
  }
}
