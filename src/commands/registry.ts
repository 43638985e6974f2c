import type { Command } from 'commander';

/**
 * The explicit command table (STYLE.md §2). Each entry names a top-level command, its one-line
 * description for `--help`, and a lazy loader of its builder, so `orca-hybrid --help` imports none of
 * the commands' heavy modules. Register a command here only when it works.
 */
export interface CommandEntry {
  name: string;
  summary: { en: string; ja: string };
  load: () => Promise<() => Command>;
}

export const COMMANDS: CommandEntry[] = [];
