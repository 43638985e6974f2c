import type { AreaMessages } from './catalog.js';

/** Strings of what differs between Windows, macOS and Linux: PostgreSQL's programs, folders, consoles. */
export const platformMessages: AreaMessages = {
  en: {
    'pgtools.missing': 'The PostgreSQL program {program} was not found. Searched, in this order:',
    'pgtools.missingInBinDir': 'The PostgreSQL program {program} is not in the folder postgres.binDir names ({dir}).',
    'pgtools.install.windows':
      'Install PostgreSQL with the EDB installer for Windows (the "Command Line Tools" component is enough; the same major as the servers or newer) into its default folder, or set postgres.binDir to the folder holding {program}.exe.',
    'pgtools.install.mac':
      'Install the client programs with Homebrew (brew install libpq, or brew install postgresql@<major>) or Postgres.app, or set postgres.binDir to the folder holding {program}.',
    'pgtools.install.linux':
      'Install the client programs (Debian/Ubuntu: apt-get install postgresql-client; the lab also needs the postgresql package), the same major as the servers or newer, or set postgres.binDir to the folder holding {program}.',
    'pgtools.title': 'PostgreSQL programs',
    'pgtools.found': '{program} {version}: {path} ({source})',
    'pgtools.notFound': '{program}: not found',
    'pgtools.others': 'also found (not used): {list}',
    'pgtools.searched': 'searched: {places}',
    'pgtools.source.setting': 'postgres.binDir',
    'pgtools.source.path': 'PATH',
    'pgtools.source.standard': 'standard install folder',
    'schedule.pathTooLong': 'Task Scheduler accepts at most {max} characters for {setting}; this one is longer: {path}',
    'schedule.pathTooLong.hint':
      'Install Node.js or keep the configuration file in a folder with a shorter path (Task Scheduler does not take longer ones).',
    'folders.outsideProfile':
      'On Windows {setting} ({dir}) should lie under your user profile ({profile}): only there does a new folder get an access list that lets no other user read it.',
  },
  ja: {
    'pgtools.missing': 'PostgreSQL のプログラム {program} が見つかりません。次の順に探しました:',
    'pgtools.missingInBinDir':
      'PostgreSQL のプログラム {program} が postgres.binDir のフォルダー ({dir}) にありません。',
    'pgtools.install.windows':
      'Windows 用 EDB インストーラーで PostgreSQL を既定のフォルダーへインストールしてください (「Command Line Tools」だけで足ります。サーバーと同じかそれより新しいメジャーバージョン)。または postgres.binDir に {program}.exe のあるフォルダーを設定してください。',
    'pgtools.install.mac':
      'Homebrew (brew install libpq または brew install postgresql@<メジャー>) か Postgres.app でクライアントをインストールするか、postgres.binDir に {program} のあるフォルダーを設定してください。',
    'pgtools.install.linux':
      'クライアントをインストールしてください (Debian/Ubuntu: apt-get install postgresql-client。ラボには postgresql パッケージも必要)。サーバーと同じかそれより新しいメジャーバージョンを使います。または postgres.binDir に {program} のあるフォルダーを設定してください。',
    'pgtools.title': 'PostgreSQL のプログラム',
    'pgtools.found': '{program} {version}: {path} ({source})',
    'pgtools.notFound': '{program}: 見つかりません',
    'pgtools.others': 'ほかに見つかったもの (使いません): {list}',
    'pgtools.searched': '探した場所: {places}',
    'pgtools.source.setting': 'postgres.binDir',
    'pgtools.source.path': 'PATH',
    'pgtools.source.standard': '標準のインストール先',
    'schedule.pathTooLong': 'タスク スケジューラーの {setting} は {max} 文字までですが、これはそれより長いです: {path}',
    'schedule.pathTooLong.hint':
      'Node.js や設定ファイルをもっと短いパスのフォルダーに置いてください (タスク スケジューラーはそれより長いパスを受け付けません)。',
    'folders.outsideProfile':
      'Windows では {setting} ({dir}) はユーザープロファイル ({profile}) の下に置いてください。新しいフォルダーにほかのユーザーが読めないアクセス権が付くのはそこだけです。',
  },
};
