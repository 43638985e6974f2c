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

export const COMMANDS: CommandEntry[] = [
  { name: 'config', summary: { en: 'create, check and show the configuration', ja: '設定ファイルの作成・検査・表示' }, load: async () => (await import('./config.js')).buildConfigCommand },
  { name: 'select', summary: { en: 'choose the emergency environment (cloud or local)', ja: '応急措置環境の選択 (cloud / local)' }, load: async () => (await import('./select.js')).buildSelectCommand },
  { name: 'journal', summary: { en: 'read the audit journal of every state change', ja: '状態変更の監査ログを表示' }, load: async () => (await import('./journal.js')).buildJournalCommand },
  { name: 'unlock', summary: { en: 'remove a stale lock after confirming its holder is gone', ja: '保持者のいない古いロックを解除' }, load: async () => (await import('./unlock.js')).buildUnlockCommand },
];
