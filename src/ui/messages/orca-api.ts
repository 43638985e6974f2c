import type { AreaMessages } from './catalog.js';

/**
 * The WebORCA public API client: ORCA's `Api_Result` errors (always with ORCA's own message and the URL)
 * and warnings. `{env}` is the environment's config name.
 */
export const orcaApiMessages: AreaMessages = {
  en: {
    'orcaApi.failed.hint': 'Check the ORCA user of {env} and retry; if it persists, check WebORCA itself.',
    'orcaApi.result.89':
      'WebORCA of {env} answered {api} ({url}) with Api_Result {code} "{message}": basic data (staff or clinic information) is not set up.',
    'orcaApi.result.90':
      'WebORCA of {env} answered {api} ({url}) with Api_Result {code} "{message}": another terminal holds the lock.',
    'orcaApi.result.91':
      'WebORCA of {env} answered {api} ({url}) with Api_Result {code} "{message}": the request was rejected (invalid request number or class).',
    'orcaApi.result.97':
      'WebORCA of {env} answered {api} ({url}) with Api_Result {code} "{message}": the request was rejected (invalid content).',
    'orcaApi.result.98':
      'WebORCA of {env} answered {api} ({url}) with Api_Result {code} "{message}": the request could not be read.',
    'orcaApi.result.99':
      'WebORCA of {env} answered {api} ({url}) with Api_Result {code} "{message}": the user is not registered in ORCA.',
    'orcaApi.result.other':
      'WebORCA of {env} answered {api} ({url}) with Api_Result {code} "{message}" (a code the tool has no text for).',
    'orcaApi.warning': 'WebORCA of {env} answered {api} with warning {code}: {message}',
    'orcaApi.institutionCodeIncomplete':
      'WebORCA of {env} gave the institution code "{code}" without all ten digits (prefecture 2 + point table 1 + code 7); it is not used.',
  },
  ja: {
    'orcaApi.failed.hint':
      '{env} の ORCA ユーザーを確認して再実行してください。続く場合は WebORCA 自体を確認してください。',
    'orcaApi.result.89':
      '{env} の WebORCA が {api} ({url}) に Api_Result {code}「{message}」を返しました: 基本データ (職員・医療機関情報) が未設定です。',
    'orcaApi.result.90':
      '{env} の WebORCA が {api} ({url}) に Api_Result {code}「{message}」を返しました: 他端末使用中です。',
    'orcaApi.result.91':
      '{env} の WebORCA が {api} ({url}) に Api_Result {code}「{message}」を返しました: リクエスト番号または区分が不正です。',
    'orcaApi.result.97':
      '{env} の WebORCA が {api} ({url}) に Api_Result {code}「{message}」を返しました: 送信内容に誤りがあります。',
    'orcaApi.result.98':
      '{env} の WebORCA が {api} ({url}) に Api_Result {code}「{message}」を返しました: 送信内容の読込ができませんでした。',
    'orcaApi.result.99':
      '{env} の WebORCA が {api} ({url}) に Api_Result {code}「{message}」を返しました: ユーザーが ORCA に登録されていません。',
    'orcaApi.result.other':
      '{env} の WebORCA が {api} ({url}) に Api_Result {code}「{message}」を返しました (ツールに説明のないコード)。',
    'orcaApi.warning': '{env} の WebORCA が {api} に警告 {code} を返しました: {message}',
    'orcaApi.institutionCodeIncomplete':
      '{env} の WebORCA が 10 桁そろっていない医療機関コード「{code}」を返しました (都道府県 2 + 点数表 1 + コード 7)。使用しません。',
  },
};
