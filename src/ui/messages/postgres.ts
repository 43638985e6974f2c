import type { AreaMessages } from './catalog.js';

/** Strings of the process runner, the PostgreSQL adapter, the 管理連番 and pg_dump/pg_restore. */
export const postgresMessages: AreaMessages = {
  en: {
    'process.failed': '{command} failed (exit {exitCode}).',
    'process.failed.hint': 'Read the last lines of its error output below; re-run with --verbose for more.',
    'process.notFound': 'The program {command} was not found.',
    'process.notFound.hint': 'Install it and make sure it is on PATH.',
    'process.notStarted': 'The program {command} could not be started.',
    'process.notStarted.hint': 'Check that it is installed and executable.',
    'process.timedOut': '{command} did not finish in time and was stopped.',
    'process.timedOut.hint': 'Check the machine and the network, then re-run.',
    'process.cancelled': '{command} was cancelled.',
    'process.needsRoot': 'Running {command} as the user {user} needs root (or running as {user}).',
    'process.needsRoot.hint': 'Run the command as root or as {user}.',
    'sequences.malformed':
      'The 管理連番 row {kanricd} holds something other than digits where {name} should be ({length} characters from character {start}).',
    'sequences.malformed.hint': 'Check tbl_syskanri row {kanricd} by hand; nothing was changed.',
    'sequences.overflow': 'The counter {name} would become {value}, more than its field holds ({limit}).',
    'sequences.overflow.hint': 'Use a smaller margin; ORCA cannot store a longer number.',
    'sequences.invalidValue': 'The counter value {value} for {name} is not a whole number ≥ 0.',
    'sequences.invalidValue.hint': 'Give whole numbers of 0 or more.',
    'sequences.invalidDate': 'The date {value} is not YYYYMMDD.',
    'sequences.invalidDate.hint': 'Give the date as 8 digits, e.g. 20260906.',
    'sequences.invalidMargin': 'The margin {margin} is not a whole number ≥ 0.',
    'sequences.invalidMargin.hint': 'Pass --margin with a whole number of 0 or more.',
    'sequences.rowsMissing':
      'The 管理連番 rows {missing} are missing from tbl_syskanri (hospnum 1, kbncd *, valid on {date}) in {env}.',
    'sequences.rowsMissing.hint':
      'Check that {env} holds an ORCA database and that its system management master is set up.',
    'sequences.rowsDuplicated': 'The 管理連番 row {kanricd} appears more than once for {date} in {env}.',
    'sequences.rowsDuplicated.hint': 'Fix the overlapping validity periods of row {kanricd} in tbl_syskanri by hand.',
    'postgres.unreachable': 'Cannot reach the database of {env} ({host}:{port}): {reason}.',
    'postgres.unreachable.hint': 'Check that PostgreSQL is running there and that host, port and firewall are right.',
    'postgres.authFailed': 'The database of {env} refused the login of user {user}.',
    'postgres.authFailed.hint':
      'Check the user and password (database.password or passwordFile) in the config, and pg_hba.conf on the server.',
    'postgres.tls': 'The TLS connection to the database of {env} failed: {reason}.',
    'postgres.tls.hint':
      'Check sslmode and caFile in the config and the server certificate (verify-full checks the host name).',
    'postgres.caUnreadable': 'The CA file {file} for the database of {env} cannot be read.',
    'postgres.caUnreadable.hint': 'Check the path and permissions of database.caFile.',
    'postgres.queryFailed': 'A query on the database of {env} failed: {reason}.',
    'postgres.queryFailed.hint': 'Re-run with --verbose; if it persists, check the database server log.',
    'dump.failed': 'pg_dump of the database {database} failed.',
    'dump.failed.hint': 'Read the error lines below; check connection settings and free disk space.',
    'dump.listFailed': 'The dump {file} cannot be read by pg_restore --list (damaged or not a custom-format dump).',
    'dump.listFailed.hint': 'Take a new backup; this file cannot be restored.',
    'dump.headerUnparsable': 'The header of the dump {file} could not be understood.',
    'dump.headerUnparsable.hint': 'Check that the file is a pg_dump custom-format archive.',
    'dump.readFailed': 'The dump {file} is damaged: reading it through to the end failed.',
    'dump.readFailed.hint': 'Take a new backup; this file cannot be restored.',
    'dump.unsupportedVersion':
      'The dump {file} has archive version {version}, newer than the local pg_restore can read.',
    'dump.unsupportedVersion.hint':
      'Install a newer PostgreSQL client (archive 1.15 needs pg_restore 16, 1.16 needs 17 or 18).',
    'dump.serverTooNew': 'The database server of {env} is newer than the local pg_dump, which cannot dump it.',
    'dump.serverTooNew.hint': 'Install a PostgreSQL client at least as new as the server.',
    'dump.versionUnknown': 'The version of pg_restore could not be read ({output}).',
    'dump.versionUnknown.hint': 'Check the PostgreSQL client installation.',
  },
  ja: {
    'process.failed': '{command} が失敗しました (終了コード {exitCode})。',
    'process.failed.hint': '下に表示したエラー出力の末尾を確認してください。詳細は --verbose で再実行してください。',
    'process.notFound': 'プログラム {command} が見つかりません。',
    'process.notFound.hint': 'インストールし、PATH に含まれていることを確認してください。',
    'process.notStarted': 'プログラム {command} を起動できませんでした。',
    'process.notStarted.hint': 'インストールされ、実行可能であることを確認してください。',
    'process.timedOut': '{command} が時間内に終わらなかったため停止しました。',
    'process.timedOut.hint': 'マシンとネットワークを確認してから再実行してください。',
    'process.cancelled': '{command} を中止しました。',
    'process.needsRoot':
      '{command} をユーザー {user} として実行するには root 権限 (または {user} での実行) が必要です。',
    'process.needsRoot.hint': 'root または {user} としてコマンドを実行してください。',
    'sequences.malformed':
      '管理連番の行 {kanricd} の {name} の位置 ({start} 文字目から {length} 文字) に数字以外が入っています。',
    'sequences.malformed.hint': 'tbl_syskanri の行 {kanricd} を確認してください。何も変更していません。',
    'sequences.overflow': '連番 {name} が {value} になり、項目の上限 ({limit}) を超えます。',
    'sequences.overflow.hint': 'マージンを小さくしてください。ORCA はこれより長い番号を保存できません。',
    'sequences.invalidValue': '{name} の値 {value} が 0 以上の整数ではありません。',
    'sequences.invalidValue.hint': '0 以上の整数を指定してください。',
    'sequences.invalidDate': '日付 {value} が YYYYMMDD 形式ではありません。',
    'sequences.invalidDate.hint': '8 桁の数字で指定してください (例: 20260906)。',
    'sequences.invalidMargin': 'マージン {margin} が 0 以上の整数ではありません。',
    'sequences.invalidMargin.hint': '--margin に 0 以上の整数を指定してください。',
    'sequences.rowsMissing':
      '{env} の tbl_syskanri に管理連番の行 {missing} がありません (hospnum 1、kbncd *、{date} 時点で有効なもの)。',
    'sequences.rowsMissing.hint':
      '{env} が ORCA のデータベースであり、システム管理マスタが設定されていることを確認してください。',
    'sequences.rowsDuplicated': '{env} で管理連番の行 {kanricd} が {date} 時点で複数あります。',
    'sequences.rowsDuplicated.hint': 'tbl_syskanri の行 {kanricd} の有効期間の重なりを手作業で直してください。',
    'postgres.unreachable': '{env} のデータベース ({host}:{port}) に接続できません: {reason}。',
    'postgres.unreachable.hint':
      'PostgreSQL が起動しているか、ホスト・ポート・ファイアウォールの設定を確認してください。',
    'postgres.authFailed': '{env} のデータベースがユーザー {user} のログインを拒否しました。',
    'postgres.authFailed.hint':
      '設定のユーザーとパスワード (database.password または passwordFile)、サーバーの pg_hba.conf を確認してください。',
    'postgres.tls': '{env} のデータベースへの TLS 接続に失敗しました: {reason}。',
    'postgres.tls.hint':
      '設定の sslmode と caFile、サーバー証明書を確認してください (verify-full はホスト名も検証します)。',
    'postgres.caUnreadable': '{env} のデータベース用 CA ファイル {file} を読めません。',
    'postgres.caUnreadable.hint': 'database.caFile のパスと権限を確認してください。',
    'postgres.queryFailed': '{env} のデータベースでの問い合わせに失敗しました: {reason}。',
    'postgres.queryFailed.hint':
      '--verbose で再実行してください。続く場合はデータベースサーバーのログを確認してください。',
    'dump.failed': 'データベース {database} の pg_dump に失敗しました。',
    'dump.failed.hint': '下のエラー行を確認してください。接続設定とディスクの空き容量も確認してください。',
    'dump.listFailed': 'ダンプ {file} を pg_restore --list で読めません (破損しているか custom 形式ではありません)。',
    'dump.listFailed.hint': '新しいバックアップを取ってください。このファイルからは復元できません。',
    'dump.headerUnparsable': 'ダンプ {file} のヘッダーを解釈できませんでした。',
    'dump.headerUnparsable.hint': 'pg_dump の custom 形式のアーカイブであることを確認してください。',
    'dump.readFailed': 'ダンプ {file} は破損しています。最後まで読み通せませんでした。',
    'dump.readFailed.hint': '新しいバックアップを取ってください。このファイルからは復元できません。',
    'dump.unsupportedVersion':
      'ダンプ {file} のアーカイブ形式 {version} は、このマシンの pg_restore では読めない新しい形式です。',
    'dump.unsupportedVersion.hint':
      '新しい PostgreSQL クライアントをインストールしてください (形式 1.15 には pg_restore 16、1.16 には 17 または 18 が必要です)。',
    'dump.serverTooNew': '{env} のデータベースサーバーがこのマシンの pg_dump より新しいため、ダンプできません。',
    'dump.serverTooNew.hint': 'サーバーと同じかそれより新しい PostgreSQL クライアントをインストールしてください。',
    'dump.versionUnknown': 'pg_restore のバージョンを読み取れませんでした ({output})。',
    'dump.versionUnknown.hint': 'PostgreSQL クライアントのインストールを確認してください。',
  },
};
