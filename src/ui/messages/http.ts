import type { AreaMessages } from './catalog.js';

/**
 * HTTP transport, TLS, cloud control API and WebORCA API messages. `{env}` is given as the config name of
 * the environment and rendered in words (`{envKey}`: the config name, for config paths); `{url}` never carries
 * a query or credentials.
 */
export const httpMessages: AreaMessages = {
  en: {
    'http.refused': 'The {env} is unreachable: {url} refused the connection ({code}).',
    'http.dnsFailed': 'The {env} is unreachable: the host name of {url} could not be resolved ({code}).',
    'http.timeout': 'The {env} did not answer in time: {url} ({code}, after {attempts} attempt(s)).',
    'http.connectionFailed':
      'The {env} is unreachable: the connection to {url} failed ({code}, after {attempts} attempt(s)).',
    'http.serverError':
      'The {env} is failing: {url} answered HTTP {status} (server code {serverCode}) after {attempts} attempt(s).',
    'http.unexpectedStatus': 'The {env} answered HTTP {status} (server code {serverCode}) to {url}.',
    'http.unexpectedStatus.hint':
      'Check that the URL in the configuration points at this environment and that the tool and the server speak the same contract version.',
    'http.unreachable.hint':
      'Check the network and the URL of the {env} in the configuration (environments.{envKey}); `{tool} status` shows which environments answer.',
    'http.authRefused': 'The {env} refused our credentials: HTTP {status} from {url}.',
    'http.authRefused.hint':
      'Check the user and API key (apiKey / apiKeyFile) of the {env} (environments.{envKey}.credentials), and that its client certificate is the one issued for this clinic.',
    'http.malformedAnswer':
      'The {env} sent an answer the tool cannot accept from {url}: {reason}. Nothing was changed.',
    'http.malformedAnswer.hint':
      'The server may run a different contract version or be damaged; check it before retrying.',
    'http.oversizedAnswer': 'The {env} sent an answer larger than {limit} bytes from {url}; it was refused unread.',
    'http.fileUnreadable': 'Cannot read {path} (configured for the {env}): {code}.',
    'http.tls.untrustedCaFile':
      'The server certificate of the {env} ({url}) failed verification ({code}): it does not chain to the CA in {caFile} (the configured caFile). Nothing was sent; this is not an outage and was not retried.',
    'http.tls.untrustedCaFile.hint':
      'Someone may be intercepting the connection, or caFile names the wrong CA: check environments.{envKey}.credentials.caFile with the certificate your provider issued. Do not turn verification off.',
    'http.tls.untrustedSystem':
      'The server certificate of the {env} ({url}) failed verification ({code}): no CA of the default trust store (no caFile is configured) vouches for it. Nothing was sent; this is not an outage and was not retried.',
    'http.tls.untrustedSystem.hint':
      'Someone may be intercepting the connection. If the {env} uses a private CA, set environments.{envKey}.credentials.caFile to that CA (the CA inside the client .p12 is never trusted for the server). Do not turn verification off.',
    'http.tls.serverExpired':
      'The server certificate of the {env} ({url}) is expired or not yet valid ({code}). Nothing was sent; not retried.',
    'http.tls.serverExpired.hint':
      "Check this computer's clock; if it is right, the environment's certificate must be renewed.",
    'http.tls.serverNameMismatch':
      'The server certificate of the {env} does not match the host name in {url} ({code}). Nothing was sent; not retried.',
    'http.tls.clientCertRefused': 'The {env} refused our client certificate ({code}) at {url}.',
    'http.tls.clientCertRefused.hint':
      'Configure the client certificate of the {env} (environments.{envKey}.credentials.clientCertificate: p12File and its passphrase, or certFile + keyFile) issued for this clinic.',
    'http.tls.clientCertUnusable':
      'The client certificate {path} of the {env} cannot be used: wrong passphrase or damaged file.',
    'http.tls.clientCertUnusable.hint':
      'Check environments.{envKey}.credentials.clientCertificate.passphrase (or passphraseFile) and that the file is the .p12 (or key) you were issued.',
    'cloud.invalidBackupId':
      'Invalid backup id "{id}": only letters, digits, ".", "_" and "-" (1–128 characters) are allowed.',
    'cloud.invalidJobId': 'Invalid job id "{jobId}".',
    'cloud.invalidSha256': 'The checksum given for backup {id} is not a lower-case sha256.',
    'cloud.invalidResumeOffset': 'Cannot resume the upload of {id} at byte {offset}: the file has {size} bytes.',
  },
  ja: {
    'http.refused': '{env}に接続できません: {url} が接続を拒否しました ({code})。',
    'http.dnsFailed': '{env}に接続できません: {url} のホスト名を解決できません ({code})。',
    'http.timeout': '{env}が時間内に応答しませんでした: {url} ({code}、{attempts}回試行)。',
    'http.connectionFailed': '{env}に接続できません: {url} への接続に失敗しました ({code}、{attempts}回試行)。',
    'http.serverError':
      '{env}で障害が発生しています: {url} が{attempts}回の試行後も HTTP {status} を返しました (サーバーコード {serverCode})。',
    'http.unexpectedStatus': '{env}が {url} に HTTP {status} を返しました (サーバーコード {serverCode})。',
    'http.unexpectedStatus.hint':
      '設定の URL がこの環境を指しているか、ツールとサーバーの契約バージョンが一致しているか確認してください。',
    'http.unreachable.hint':
      'ネットワークと設定の{env}の URL (environments.{envKey}) を確認してください。`{tool} status` で応答する環境を確認できます。',
    'http.authRefused': '{env}が認証情報を拒否しました: {url} から HTTP {status}。',
    'http.authRefused.hint':
      '{env}のユーザーと API キー (environments.{envKey}.credentials の apiKey / apiKeyFile)、およびクライアント証明書がこの医療機関に発行されたものか確認してください。',
    'http.malformedAnswer': '{env}から受け入れられない応答がありました ({url}): {reason}。何も変更していません。',
    'http.malformedAnswer.hint':
      'サーバーの契約バージョンが異なるか、サーバーに異常がある可能性があります。再試行の前に確認してください。',
    'http.oversizedAnswer': '{env}の {url} からの応答が{limit}バイトを超えたため、読まずに拒否しました。',
    'http.fileUnreadable': '{path} ({env}の設定) を読めません: {code}。',
    'http.tls.untrustedCaFile':
      '{env} ({url}) のサーバー証明書の検証に失敗しました ({code}): 設定された caFile ({caFile}) の CA につながっていません。何も送信していません。障害ではないため再試行もしていません。',
    'http.tls.untrustedCaFile.hint':
      '通信が傍受されているか、caFile が別の CA を指している恐れがあります。environments.{envKey}.credentials.caFile を提供元が発行した証明書と照合してください。検証を無効にしないでください。',
    'http.tls.untrustedSystem':
      '{env} ({url}) のサーバー証明書の検証に失敗しました ({code}): 既定の信頼ストア (caFile は未設定) のどの CA も保証していません。何も送信していません。障害ではないため再試行もしていません。',
    'http.tls.untrustedSystem.hint':
      '通信が傍受されている恐れがあります。{env}が独自の CA を使う場合は environments.{envKey}.credentials.caFile にその CA を設定してください (クライアント証明書 .p12 内の CA はサーバーの検証には使いません)。検証を無効にしないでください。',
    'http.tls.serverExpired':
      '{env} ({url}) のサーバー証明書が期限切れか、まだ有効ではありません ({code})。何も送信しておらず、再試行もしていません。',
    'http.tls.serverExpired.hint':
      'このコンピューターの時計を確認してください。正しい場合は環境の証明書の更新が必要です。',
    'http.tls.serverNameMismatch':
      '{env}のサーバー証明書が {url} のホスト名と一致しません ({code})。何も送信しておらず、再試行もしていません。',
    'http.tls.clientCertRefused': '{env}がクライアント証明書を拒否しました ({code}): {url}。',
    'http.tls.clientCertRefused.hint':
      '{env}のクライアント証明書 (environments.{envKey}.credentials.clientCertificate の p12File とパスフレーズ、または certFile + keyFile) をこの医療機関に発行されたもので設定してください。',
    'http.tls.clientCertUnusable':
      '{env}のクライアント証明書 {path} を使用できません: パスフレーズが違うか、ファイルが壊れています。',
    'http.tls.clientCertUnusable.hint':
      'environments.{envKey}.credentials.clientCertificate.passphrase (または passphraseFile) と、ファイルが発行された .p12 (または鍵) であることを確認してください。',
    'cloud.invalidBackupId': 'バックアップ ID "{id}" が不正です: 英数字と "."、"_"、"-" (1〜128 文字) のみ使えます。',
    'cloud.invalidJobId': 'ジョブ ID "{jobId}" が不正です。',
    'cloud.invalidSha256': 'バックアップ {id} のチェックサムが小文字の sha256 ではありません。',
    'cloud.invalidResumeOffset':
      '{id} のアップロードを {offset} バイト目から再開できません: ファイルは{size}バイトです。',
  },
};
