import type { AreaMessages } from './catalog.js';

/** `bump-seq` against ORCA's own limits and locking: widths, layouts, old readings, row locks. */
export const bumpOrcaMessages: AreaMessages = {
  en: {
    'bump.option.maxAge': 'refuse a last-known reading of the source older than this (default 48h)',
    'bump.option.force': 'use a last-known reading older than --max-age',
    'bump.readingTooOld':
      'Refused: the last-known counters of {env} were read {readAt}, {hours} h ago — more than {maxHours} h: numbers issued since are not in them.',
    'bump.readingTooOld.hint':
      'Make {env} reachable and re-run, or accept the old reading with --force (and a larger --margin).',
    'bump.undone':
      'The bump of {env} was committed, but reading it back shows {counters} lower than written: another session overwrote them. The outcome is unknown.',
    'bump.undone.hint':
      'Re-run the same bump-seq command; if it happens again, pause data entry in WebORCA during the bump.',
    'bump.note.freeLayout':
      'The {env} numbers patients freely (自由構成, 1009 character 1 = 1): RENNUM does not make patient numbers there; it is raised anyway.',
    'bump.note.layoutUnknown':
      'The patient-number layout of {env} cannot be read through its API: RENNUM is checked against its 10-digit field only.',
    'bump.nearLimit':
      'Warning: {counter} reaches {value}, 90 % or more of what ORCA can number; plan a renumbering with the JMA support.',
    'bump.basis.max':
      'This reading is older than the backup the {env} was restored from, so it cannot cover what was issued since: the margin {margin} is added to the higher of both, and a re-run with the same reading changes nothing.',
    'bump.basis.recorded':
      'This reading was already used for a bump of the {env}: that bump stands and nothing more is added (margin {margin} not applied again).',
    'sequences.noClinic':
      'The database of {env} names no clinic (tbl_sysbase has no row): its 管理連番 cannot be located.',
    'sequences.noClinic.hint': 'Check that {env} points at the WebORCA database (normally orca).',
    'sequences.severalClinics':
      'The database of {env} holds several clinics (hospnum {hospnums}); the tool handles one clinic per database.',
    'sequences.severalClinics.hint': 'Group practice (グループ診療) databases are not supported. Nothing was changed.',
    'sequences.pastLimit':
      'Refused: {name} would become {value}, past {limit}, the largest number ORCA can carry there (slip numbers have 7 digits). Nothing was changed.',
    'sequences.wouldWrap':
      'Refused: RENNUM would become {value}, past {limit}: the patient number uses only its last digits and would repeat numbers already issued. Nothing was changed.',
    'sequences.pastLimit.hint':
      'Use a smaller --margin; if the counter itself is that high, ask the JMA support how to renumber.',
    'sequences.rowsLocked':
      'The 管理連番 rows of {env} stayed locked by another session: {holders}. Nothing was changed.',
    'sequences.rowsLocked.hint':
      'Wait until the screen or job holding them finishes (or end that session), then re-run bump-seq.',
  },
  ja: {
    'bump.option.maxAge': '基準環境の記録値がこれより古ければ使わない (既定 48h)',
    'bump.option.force': '--max-age より古い記録値でも使う',
    'bump.readingTooOld':
      '中止: {env}の管理連番の記録値は {readAt} ({hours} 時間前) のもので、{maxHours} 時間より古く、その後に発行された番号を含みません。',
    'bump.readingTooOld.hint':
      '{env}に接続できるようにして再実行するか、--force (と大きめの --margin) で古い記録値を使ってください。',
    'bump.undone':
      '{env}の管理連番の更新は確定しましたが、読み直すと {counters} が書いた値より小さく、別の接続に上書きされました。結果は不明です。',
    'bump.undone.hint': '同じ bump-seq を再実行してください。繰り返す場合は更新中の WebORCA の入力を止めてください。',
    'bump.note.freeLayout':
      '{env}は患者番号を自由構成で採番しています (1009 の 1 文字目 = 1)。RENNUM は患者番号に使われませんが、そのまま更新します。',
    'bump.note.layoutUnknown':
      '{env}の患者番号構成は API からは読めないため、RENNUM は 10 桁の項目幅だけで確認します。',
    'bump.nearLimit':
      '警告: {counter} が {value} になり、ORCA で採番できる上限の 90% 以上です。日医のサポートと番号の振り直しを検討してください。',
    'bump.basis.max':
      'この記録値は{env}へ反映したバックアップより古く、その後に発行された番号を含みません。両方の大きい方に余裕 {margin} を足します。同じ記録値で再実行しても何も変わりません。',
    'bump.basis.recorded':
      'この記録値はすでに{env}の更新に使いました。その更新を有効とし、余裕 {margin} は重ねて足しません。',
    'sequences.noClinic':
      '{env}のデータベースに医療機関がありません (tbl_sysbase に行がない) ため、管理連番の行を特定できません。',
    'sequences.noClinic.hint': '{env}が WebORCA のデータベース (通常 orca) を指しているか確認してください。',
    'sequences.severalClinics':
      '{env}のデータベースに複数の医療機関 (hospnum {hospnums}) があります。このツールは 1 データベース 1 医療機関を扱います。',
    'sequences.severalClinics.hint': 'グループ診療のデータベースには対応していません。何も変更していません。',
    'sequences.pastLimit':
      '中止: {name} が {value} になり、ORCA がそこで扱える上限 {limit} を超えます (伝票番号は 7 桁)。何も変更していません。',
    'sequences.wouldWrap':
      '中止: RENNUM が {value} になり {limit} を超えます。患者番号は下位の桁だけを使うため、発行済みの番号と重複します。何も変更していません。',
    'sequences.pastLimit.hint':
      '--margin を小さくしてください。管理連番自体がその値に近い場合は、番号の振り直しについて日医のサポートに相談してください。',
    'sequences.rowsLocked': '{env}の管理連番の行が別の接続にロックされたままです: {holders}。何も変更していません。',
    'sequences.rowsLocked.hint':
      'ロックしている画面や処理が終わるのを待つ (またはその接続を終了する) してから、bump-seq を再実行してください。',
  },
};
