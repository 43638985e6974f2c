import type { AreaMessages } from './catalog.js';

/** The trust boundary: the state and backup folders, links planted in them, secrets handed to programs. */
export const securityMessages: AreaMessages = {
  en: {
    'folder.notOwned':
      'Refused to use the folder {path}: it belongs to another account (uid {owner}), not to the one running orca-hybrid (uid {uid}). Whoever owns it could make orca-hybrid write patient data or secrets elsewhere.',
    'folder.notOwned.hint':
      'Use a folder of your own account (the default state folder, or a new one: mkdir -m 700 <folder>), or have the owner hand this one over: sudo chown -R "$(id -un)" "{path}"',
    'folder.notOwned.rootHint':
      'Run orca-hybrid as the account that owns "{path}" (not as root), or give root a folder of its own (e.g. --state-dir /var/lib/orca-hybrid, created with mkdir -m 700).',
    'folder.writableByOthers':
      'Refused to use the folder {path}: other accounts may write in it (mode {mode}), and could plant links that make orca-hybrid write patient data or secrets elsewhere.',
    'folder.fixMode':
      'Make it private, then check it holds nothing you did not put there: chmod 700 "{path}" && ls -la "{path}"',
    'folder.notAFolder': 'Refused to use {path}: it is not a folder.',
    'folder.notAFolder.hint': 'Move it aside, or choose another folder.',
    'folder.linkedFile':
      'Refused to read {path}: it is a symbolic link (or not a plain file), and orca-hybrid never reads or writes its files through a link.',
    'folder.linkedFile.hint':
      'Look where it points (ls -l "{path}"), move the real file into its place if it is yours, or remove the link.',
    'postgres.passwordLineBreak':
      "The database password contains a line break: PostgreSQL's programs read it from a password file, which cannot hold one.",
  },
  ja: {
    'folder.notOwned':
      'フォルダー {path} の使用を拒否しました: orca-hybrid を実行しているアカウント (uid {uid}) ではなく、別のアカウント (uid {owner}) のものです。その所有者は、orca-hybrid に患者データや秘密情報を別の場所へ書かせることができます。',
    'folder.notOwned.hint':
      '自分のアカウントのフォルダー (既定の状態フォルダー、または新しいフォルダー: mkdir -m 700 <フォルダー>) を使うか、所有者にこのフォルダーを譲ってもらってください: sudo chown -R "$(id -un)" "{path}"',
    'folder.notOwned.rootHint':
      '"{path}" を所有するアカウントで orca-hybrid を実行する (root で実行しない) か、root 専用のフォルダーを用意してください (例: mkdir -m 700 で作成した --state-dir /var/lib/orca-hybrid)。',
    'folder.writableByOthers':
      'フォルダー {path} の使用を拒否しました: 他のアカウントが書き込めます (モード{mode})。リンクを置かれると、orca-hybrid が患者データや秘密情報を別の場所へ書いてしまいます。',
    'folder.fixMode':
      '自分専用にしてから、身に覚えのないものが置かれていないか確認してください: chmod 700 "{path}" && ls -la "{path}"',
    'folder.notAFolder': '{path} の使用を拒否しました: フォルダーではありません。',
    'folder.notAFolder.hint': '別の場所に移すか、別のフォルダーを選んでください。',
    'folder.linkedFile':
      '{path} の読み込みを拒否しました: シンボリックリンク (または通常のファイル以外) です。orca-hybrid はリンクを通してファイルを読み書きしません。',
    'folder.linkedFile.hint':
      'リンク先を確認し (ls -l "{path}")、自分のファイルであれば本体をその場所に移すか、リンクを削除してください。',
    'postgres.passwordLineBreak':
      'データベースのパスワードに改行が含まれています。PostgreSQL のプログラムにはパスワードファイルで渡すため、改行は使えません。',
  },
};
