import type { AreaMessages } from './catalog.js';

/** The lab's PostgreSQL clusters, ORCA data generator and staff-work simulator. */
export const labDataMessages: AreaMessages = {
  en: {
    'lab.cluster.notInitialized': 'No PostgreSQL cluster in {dir}.',
    'lab.cluster.notInitialized.hint': 'Run `{tool} lab up` first.',
    'lab.cluster.startFailed': 'The lab PostgreSQL cluster in {dir} did not start (port {port}).',
    'lab.cluster.startFailed.hint': 'Read the server log lines below; `{tool} lab down` then `lab up` starts afresh.',
    'lab.cluster.badDatabaseName': 'Invalid database name: {name}.',
    'lab.cluster.badDatabaseName.hint': 'Use letters, digits and underscores only.',
    'lab.data.notEmpty': 'The database already holds patients; the clinic generator fills an empty ORCA database only.',
    'lab.data.notEmpty.hint': 'Use a new database (or `{tool} lab down` and `lab up` to start afresh).',
    'lab.data.noPatients': 'The database has no patients to enter visits for.',
    'lab.data.noPatients.hint': 'Generate the clinic first (`{tool} lab up`) or pass --new-patients.',
    'lab.data.tooManyVisits': 'Patient {patient} already has 9 visits in department {department} on {date}.',
    'lab.data.tooManyVisits.hint': 'ORCA allows at most 9 visits a day per department; enter fewer visits.',
    'lab.data.badOption': 'Invalid value for {option}: {value}.',
    'lab.data.badOption.hint': 'Pass a whole number in the allowed range.',
  },
  ja: {
    'lab.cluster.notInitialized': '{dir} に PostgreSQL クラスタがありません。',
    'lab.cluster.notInitialized.hint': '先に `{tool} lab up` を実行してください。',
    'lab.cluster.startFailed': '{dir} のラボ用 PostgreSQL クラスタが起動しませんでした (ポート {port})。',
    'lab.cluster.startFailed.hint':
      '下のサーバーログを確認してください。`{tool} lab down` の後 `lab up` で作り直せます。',
    'lab.cluster.badDatabaseName': 'データベース名が不正です: {name}',
    'lab.cluster.badDatabaseName.hint': '英数字とアンダースコアだけを使ってください。',
    'lab.data.notEmpty': 'データベースにはすでに患者がいます。医院データの生成は空の ORCA データベースにだけ行えます。',
    'lab.data.notEmpty.hint': '新しいデータベースを使うか、`{tool} lab down` の後 `lab up` で作り直してください。',
    'lab.data.noPatients': '受診を入力できる患者がデータベースにいません。',
    'lab.data.noPatients.hint': '先に `{tool} lab up` で医院データを作るか、--new-patients を指定してください。',
    'lab.data.tooManyVisits': '患者 {patient} の {date} の診療科 {department} の受診はすでに 9 回あります。',
    'lab.data.tooManyVisits.hint': 'ORCA では 1 日 1 診療科あたり 9 回までです。受診数を減らしてください。',
    'lab.data.badOption': '{option} の値が不正です: {value}',
    'lab.data.badOption.hint': '許される範囲の整数を指定してください。',
  },
};
