import type { CommandBuilder } from './command.js';

/**
 * The explicit command table (STYLE.md §2). Each entry names a top-level command, its one-line
 * description for `--help`, and a lazy loader of its builder, so `orca-hybrid --help` imports none of
 * the commands' heavy modules. Register a command here only when it works.
 */
export interface CommandEntry {
  name: string;
  summary: { en: string; ja: string };
  load: () => Promise<CommandBuilder>;
}

export const COMMANDS: CommandEntry[] = [
  {
    name: 'status',
    summary: {
      en: 'show the mode, every environment, the newest backup and the lock',
      ja: 'モード・各環境・最新バックアップ・ロックを表示',
    },
    load: async () => (await import('./status.js')).buildStatusCommand,
  },
  {
    name: 'config',
    summary: { en: 'create, check and show the configuration', ja: '設定ファイルの作成・検査・表示' },
    load: async () => (await import('./config.js')).buildConfigCommand,
  },
  {
    name: 'switch',
    summary: {
      en: 'switch the mode: emergency, recovery or normal (環境切り替え)',
      ja: 'モードの切り替え (応急措置・復旧措置・通常運用)',
    },
    load: async () => (await import('./switch.js')).buildSwitchCommand,
  },
  {
    name: 'select',
    summary: { en: 'choose the emergency environment (cloud or local)', ja: '応急措置環境の選択 (cloud / local)' },
    load: async () => (await import('./select.js')).buildSelectCommand,
  },
  {
    name: 'restore',
    summary: {
      en: 'load a verified backup into an environment (バックアップから反映)',
      ja: '検証済みバックアップを環境へ反映',
    },
    load: async () => (await import('./restore.js')).buildRestoreCommand,
  },
  {
    name: 'vm',
    summary: {
      en: "start, stop, rebuild or show the local emergency environment's VM (仮想環境)",
      ja: 'ローカル応急措置環境の仮想環境を起動・停止・再構築・表示',
    },
    load: async () => (await import('./vm.js')).buildVmCommand,
  },
  {
    name: 'bump-seq',
    summary: {
      en: 'raise the 管理連番 of an environment past another one',
      ja: '管理連番を更新 (別の環境より大きくする)',
    },
    load: async () => (await import('./bump-seq.js')).buildBumpSeqCommand,
  },
  {
    name: 'sync',
    summary: {
      en: 'hourly: newest operating backup → verified → cloud emergency environment',
      ja: '毎時: 運用環境の最新バックアップを取得・検証しクラウド応急措置環境へ',
    },
    load: async () => (await import('./sync.js')).buildSyncCommand,
  },
  {
    name: 'backup',
    summary: {
      en: 'take a backup of an emergency environment (バックアップを取得)',
      ja: '応急措置環境のバックアップを取得',
    },
    load: async () => (await import('./backup.js')).buildBackupCommand,
  },
  {
    name: 'backups',
    summary: { en: 'list the local backup catalog', ja: '手元のバックアップの一覧' },
    load: async () => (await import('./backups.js')).buildBackupsCommand,
  },
  {
    name: 'schedule',
    summary: { en: 'register the hourly sync with the OS scheduler', ja: '毎時の sync を OS のスケジューラーに登録' },
    load: async () => (await import('./schedule.js')).buildScheduleCommand,
  },
  {
    name: 'journal',
    summary: { en: 'read the audit journal of every state change', ja: '状態変更の監査ログを表示' },
    load: async () => (await import('./journal.js')).buildJournalCommand,
  },
  {
    name: 'unlock',
    summary: { en: 'remove a stale lock after confirming its holder is gone', ja: '保持者のいない古いロックを解除' },
    load: async () => (await import('./unlock.js')).buildUnlockCommand,
  },
  {
    name: 'lab',
    summary: {
      en: 'the embedded lab: all three environments on this machine',
      ja: '組み込みラボ: 3 つの環境をこの PC 上に再現',
    },
    load: async () => (await import('./lab.js')).buildLabCommand,
  },
];
