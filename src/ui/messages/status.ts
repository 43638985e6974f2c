import type { AreaMessages } from './catalog.js';

export const statusMessages: AreaMessages = {
  en: {
    'status.cmd.summary':
      'show the mode, every environment (online, reported mode, 管理連番), the newest backup and the lock',
    'status.option.timeout':
      'how long the whole command may take, probes included: 0.5s to 2m (e.g. 5, 10s; default: status.timeoutSeconds, 5)',
    'status.option.strict':
      'exit 3 when any environment is unavailable, 4 when one refuses the credentials (for monitoring)',
    'status.help.after':
      'Environments are probed in parallel; one that does not answer within the timeout is shown as unavailable.\nExit codes: 0 shown; with --strict 3 when an environment is unavailable, 4 when one refuses the credentials; 2 bad configuration.',
    'status.option.prometheus':
      'write the fleet metrics to this file (node_exporter textfile format, replaced atomically) instead of the table',
    'status.prometheus.extension': 'The metrics file {file} must end in .prom (node_exporter reads only those).',
    'status.prometheus.extension.hint': 'Name it like /var/lib/node_exporter/textfile_collector/orca-hybrid.prom.',
    'status.prometheus.writeFailed': 'The metrics file {file} could not be written ({code}).',
    'status.prometheus.writeFailed.hint':
      'Check that its folder exists and that this user may write there; the previous file was left as it was.',
    'status.mode': 'Mode',
    'status.selected': 'Selected emergency environment',
    'status.col.env': 'Environment',
    'status.col.url': 'URL',
    'status.col.state': 'Connection',
    'status.col.mode': 'Reported mode',
    'status.col.version': 'WebORCA version',
    'status.col.counters': '管理連番',
    'status.countersLegend': '管理連番: outpatient slip / inpatient slip / patient serial / patient ID.',
    'status.option.wide': 'every column (URLs, raw mode headers, one column per counter), whatever the width',
    'status.block.url': 'URL',
    'status.block.mode': 'Reported mode',
    'status.block.counters': '管理連番',
    'status.block.version': 'WebORCA',
    'status.block.institution': 'Institution',
    'status.block.vm': 'VM',
    'sequence.outpatientSlip': 'Outpatient slip',
    'sequence.inpatientSlip': 'Inpatient slip',
    'sequence.patientSerial': 'Patient serial',
    'sequence.patientId': 'Patient ID',
    'status.institution': 'Institution',
    'status.vm': 'VM',
    'status.newestBackup': 'Newest verified backup',
    'status.backupLine': '{id} from the {env}, created {createdAt}',
    'status.lastSync': 'Last sync',
    'status.lastSyncLine': '{outcome}, {endedAt}',
    'status.lock': 'Lock',
    'status.lockLine': 'held by {command} (pid {pid} on {host}, started {startedAt}, {phase})',
    'status.mismatch':
      'The {env} reports "{reported}" but the recorded mode means "{recorded}": it was probably down during a switch.',
    'status.mismatchHint':
      'Run `{tool} switch {mode}` again: it tells every environment that answers the recorded mode, and changes nothing else.',
    'status.timeout': 'no answer within {seconds} s',
    'status.strictOffline': 'Unavailable: {envs}',
    'status.strictTls': 'Server certificate failed verification (possible interception or a wrong CA): {envs}',
    'status.strictTls.hint':
      'Check caFile of these environments in the configuration against the certificate your provider issued; do not turn verification off.',
    'status.strictAuth': 'Refused our credentials: {envs}',
    'status.strictAuth.hint':
      'Check the API key and the client certificate of these environments in the configuration.',
    'status.damagedSidecar': 'Ignored a damaged backup sidecar: {path}',
  },
  ja: {
    'status.cmd.summary': 'モード、各環境 (接続状況・モード・管理連番)、最新バックアップ、ロックを表示',
    'status.option.timeout':
      'コマンド全体 (各環境の確認を含む) にかける時間: 0.5s〜2m (例: 5、10s。既定: status.timeoutSeconds、5)',
    'status.option.strict': '利用不可の環境があれば終了コード 3、認証を拒否した環境があれば 4 (監視用)',
    'status.help.after':
      '各環境は並行して確認します。タイムアウトまでに応答しない環境は利用不可と表示します。\n終了コード: 0 表示完了、--strict で 3 利用不可の環境あり・4 認証の拒否、2 設定の誤り。',
    'status.option.prometheus':
      '表の代わりに、監視用の指標をこのファイルへ書き出す (node_exporter の textfile 形式、一括で置き換え)',
    'status.prometheus.extension':
      '指標ファイル {file} の名前は .prom で終わる必要があります (node_exporter はそれだけを読みます)。',
    'status.prometheus.extension.hint': '例: /var/lib/node_exporter/textfile_collector/orca-hybrid.prom',
    'status.prometheus.writeFailed': '指標ファイル {file} を書き込めませんでした ({code})。',
    'status.prometheus.writeFailed.hint':
      'フォルダーが存在し、このユーザーが書き込めることを確認してください。以前のファイルはそのまま残っています。',
    'status.mode': 'モード',
    'status.selected': '選択中の応急措置環境',
    'status.col.env': '環境',
    'status.col.url': '接続先',
    'status.col.state': '接続状況',
    'status.col.mode': '報告モード',
    'status.col.version': 'WebORCA バージョン',
    'status.col.counters': '管理連番',
    'status.countersLegend': '管理連番: 外来伝票 / 入院伝票 / 患者連番 / 患者ID。',
    'status.option.wide': '幅にかかわらずすべての列 (接続先、モードの値そのもの、管理連番を 1 列ずつ) を表示',
    'status.block.url': '接続先',
    'status.block.mode': '報告モード',
    'status.block.counters': '管理連番',
    'status.block.version': 'WebORCA',
    'status.block.institution': '医療機関',
    'status.block.vm': '仮想環境',
    'sequence.outpatientSlip': '外来伝票',
    'sequence.inpatientSlip': '入院伝票',
    'sequence.patientSerial': '患者連番',
    'sequence.patientId': '患者ID',
    'status.institution': '医療機関',
    'status.vm': '仮想環境',
    'status.newestBackup': '最新の検証済みバックアップ',
    'status.backupLine': '{id} ({env}、{createdAt}作成)',
    'status.lastSync': '前回の同期',
    'status.lastSyncLine': '{outcome}、{endedAt}',
    'status.lock': 'ロック',
    'status.lockLine': '{command} が保持中 (pid {pid}、{host}、開始{startedAt}、{phase})',
    'status.mismatch':
      '{env}は "{reported}" を報告していますが、記録上のモードでは "{recorded}" のはずです。切り替え時に停止していた可能性があります。',
    'status.mismatchHint':
      '`{tool} switch {mode}` をもう一度実行してください: 応答するすべての環境へ記録上のモードを通知します。ほかは何も変わりません。',
    'status.timeout': '{seconds}秒以内に応答がありません',
    'status.strictOffline': '利用不可: {envs}',
    'status.strictTls': 'サーバー証明書の検証に失敗した環境 (傍受または CA の誤りの恐れ): {envs}',
    'status.strictTls.hint':
      '設定にあるこれらの環境の caFile を提供元が発行した証明書と照合してください。検証を無効にしないでください。',
    'status.strictAuth': '認証を拒否した環境: {envs}',
    'status.strictAuth.hint': '設定にあるこれらの環境の API キーとクライアント証明書を確認してください。',
    'status.damagedSidecar': '破損したバックアップ情報ファイルを無視しました: {path}',
  },
};
