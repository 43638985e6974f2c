import type { AreaMessages } from './catalog.js';

/**
 * HTTP transport, TLS, cloud control API and WebORCA API messages. `{env}` is the config name of the
 * environment (operating, cloudEmergency, localEmergency); `{url}` never carries a query or credentials.
 */
export const httpMessages: AreaMessages = {
  en: {
    'http.refused': 'Environment {env} is unreachable: {url} refused the connection ({code}).',
    'http.dnsFailed': 'Environment {env} is unreachable: the host name of {url} could not be resolved ({code}).',
    'http.timeout': 'Environment {env} did not answer in time: {url} ({code}, after {attempts} attempt(s)).',
    'http.connectionFailed':
      'Environment {env} is unreachable: the connection to {url} failed ({code}, after {attempts} attempt(s)).',
    'http.serverError':
      'Environment {env} is failing: {url} answered HTTP {status} (server code {serverCode}) after {attempts} attempt(s).',
    'http.unexpectedStatus': 'Environment {env} answered HTTP {status} (server code {serverCode}) to {url}.',
    'http.unexpectedStatus.hint':
      'Check that the URL in the configuration points at this environment and that the tool and the server speak the same contract version.',
    'http.unreachable.hint':
      'Check the network and the URL of {env} in the configuration; `orca-hybrid status` shows which environments answer.',
    'http.authRefused': 'Environment {env} refused our credentials: HTTP {status} from {url}.',
    'http.authRefused.hint':
      'Check the user and API key (apiKey / apiKeyFile) of {env}, and that its client certificate is the one issued for this clinic.',
    'http.malformedAnswer':
      'Environment {env} sent an answer the tool cannot accept from {url}: {reason}. Nothing was changed.',
    'http.malformedAnswer.hint':
      'The server may run a different contract version or be damaged; check it before retrying.',
    'http.oversizedAnswer':
      'Environment {env} sent an answer larger than {limit} bytes from {url}; it was refused unread.',
    'http.fileUnreadable': 'Cannot read {path} (configured for {env}): {code}.',
    'http.tls.serverUntrusted':
      'The server certificate of {env} ({url}) failed verification ({code}): it is not signed by the configured CA.',
    'http.tls.serverUntrusted.hint':
      'Check caFile of {env} in the configuration. If it is right, someone may be intercepting the connection: do not turn verification off.',
    'http.tls.serverExpired': 'The server certificate of {env} ({url}) is expired or not yet valid ({code}).',
    'http.tls.serverExpired.hint':
      "Check this computer's clock; if it is right, the environment's certificate must be renewed.",
    'http.tls.serverNameMismatch': 'The server certificate of {env} does not match the host name in {url} ({code}).',
    'http.tls.clientCertRefused': 'Environment {env} refused our client certificate ({code}) at {url}.',
    'http.tls.clientCertRefused.hint':
      'Configure the client certificate of {env} (clientCertificate.p12File and its passphrase, or certFile + keyFile) issued for this clinic.',
    'http.tls.clientCertUnusable':
      'The client certificate {path} of {env} cannot be used: wrong passphrase or damaged file.',
    'http.tls.clientCertUnusable.hint':
      'Check clientCertificate.passphrase (or passphraseFile) of {env} and that the file is the .p12 (or key) you were issued.',
    'cloud.invalidBackupId':
      'Invalid backup id "{id}": only letters, digits, ".", "_" and "-" (1–128 characters) are allowed.',
    'cloud.invalidJobId': 'Invalid job id "{jobId}".',
    'cloud.invalidSha256': 'The checksum given for backup {id} is not a lower-case sha256.',
    'cloud.invalidResumeOffset': 'Cannot resume the upload of {id} at byte {offset}: the file has {size} bytes.',
  },
  ja: {
    'http.refused': '環境 {env} に接続できません: {url} が接続を拒否しました ({code})。',
    'http.dnsFailed': '環境 {env} に接続できません: {url} のホスト名を解決できません ({code})。',
    'http.timeout': '環境 {env} が時間内に応答しませんでした: {url} ({code}、{attempts} 回試行)。',
    'http.connectionFailed': '環境 {env} に接続できません: {url} への接続に失敗しました ({code}、{attempts} 回試行)。',
    'http.serverError':
      '環境 {env} で障害が発生しています: {url} が {attempts} 回の試行後も HTTP {status} を返しました (サーバーコード {serverCode})。',
    'http.unexpectedStatus': '環境 {env} が {url} に HTTP {status} を返しました (サーバーコード {serverCode})。',
    'http.unexpectedStatus.hint':
      '設定の URL がこの環境を指しているか、ツールとサーバーの契約バージョンが一致しているか確認してください。',
    'http.unreachable.hint':
      'ネットワークと設定の {env} の URL を確認してください。`orca-hybrid status` で応答する環境を確認できます。',
    'http.authRefused': '環境 {env} が認証情報を拒否しました: {url} から HTTP {status}。',
    'http.authRefused.hint':
      '{env} のユーザーと API キー (apiKey / apiKeyFile)、およびクライアント証明書がこの医療機関に発行されたものか確認してください。',
    'http.malformedAnswer': '環境 {env} から受け入れられない応答がありました ({url}): {reason}。何も変更していません。',
    'http.malformedAnswer.hint':
      'サーバーの契約バージョンが異なるか、サーバーに異常がある可能性があります。再試行の前に確認してください。',
    'http.oversizedAnswer': '環境 {env} の {url} からの応答が {limit} バイトを超えたため、読まずに拒否しました。',
    'http.fileUnreadable': '{path} ({env} の設定) を読めません: {code}。',
    'http.tls.serverUntrusted':
      '{env} ({url}) のサーバー証明書の検証に失敗しました ({code}): 設定された CA で署名されていません。',
    'http.tls.serverUntrusted.hint':
      '設定の {env} の caFile を確認してください。正しい場合は通信が傍受されている恐れがあります。検証を無効にしないでください。',
    'http.tls.serverExpired': '{env} ({url}) のサーバー証明書が期限切れか、まだ有効ではありません ({code})。',
    'http.tls.serverExpired.hint':
      'このコンピューターの時計を確認してください。正しい場合は環境の証明書の更新が必要です。',
    'http.tls.serverNameMismatch': '{env} のサーバー証明書が {url} のホスト名と一致しません ({code})。',
    'http.tls.clientCertRefused': '環境 {env} がクライアント証明書を拒否しました ({code}): {url}。',
    'http.tls.clientCertRefused.hint':
      '{env} のクライアント証明書 (clientCertificate.p12File とパスフレーズ、または certFile + keyFile) をこの医療機関に発行されたもので設定してください。',
    'http.tls.clientCertUnusable':
      '{env} のクライアント証明書 {path} を使用できません: パスフレーズが違うか、ファイルが壊れています。',
    'http.tls.clientCertUnusable.hint':
      '{env} の clientCertificate.passphrase (または passphraseFile) と、ファイルが発行された .p12 (または鍵) であることを確認してください。',
    'cloud.invalidBackupId': 'バックアップ ID "{id}" が不正です: 英数字と "."、"_"、"-" (1〜128 文字) のみ使えます。',
    'cloud.invalidJobId': 'ジョブ ID "{jobId}" が不正です。',
    'cloud.invalidSha256': 'バックアップ {id} のチェックサムが小文字の sha256 ではありません。',
    'cloud.invalidResumeOffset':
      '{id} のアップロードを {offset} バイト目から再開できません: ファイルは {size} バイトです。',
  },
};
