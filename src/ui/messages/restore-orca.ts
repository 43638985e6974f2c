import type { AreaMessages } from './catalog.js';

/**
 * `restore` against a real ORCA database: the clinic and structure gates, the safety dump of the replaced
 * database, kept databases, WebORCA's answer after the swap, the bump advice; and what `status` says about
 * restore leftovers. `{env}` arrives translated; `{envId}` is the config name for commands.
 */
export const restoreOrcaMessages: AreaMessages = {
  en: {
    'restore.gate.clinics': 'one clinic (tbl_sysbase hospnum) in the dump: {dump} (target: {target})',
    'restore.gate.clinics.refused':
      "Refused: the dump's tbl_sysbase names the clinics (hospnum) {dump}; exactly one is needed. Nothing was touched.",
    'restore.gate.clinics.hint':
      'A dump of a group practice (グループ診療), or one without tbl_sysbase rows (not a WebORCA database, or damaged), cannot be restored. Restore another backup.',
    'restore.gate.structure': 'database structure (tbl_dbkanri ORCADB00) of the dump {dump} ≤ target {target}',
    'restore.gate.structure.refused':
      "Refused: the dump has database structure {dump}, newer than the target's {target}: the target's WebORCA cannot run it. Nothing was touched.",
    'restore.gate.structure.hint':
      'Update WebORCA of the target first (最新プログラム: stop the service, `weborca-install`, start it), check the version with `orca-hybrid status`, then restore again. A dump without a structure version is not a WebORCA dump.',
    'restore.structure.older':
      "The dump's database structure {dump} is older than the target's {target}: WebORCA upgrades the structure when it starts (jma-setup).",
    'restore.structure.targetUnknown':
      "The database structure version of the {env} could not be read; the dump's was not compared with it.",
    'restore.identity.dump.noClinic':
      'Refused: the dump has no tbl_sysbase row, so it names no clinic (not a WebORCA database, or damaged). Nothing was touched.',
    'restore.identity.dump.severalClinics':
      'Refused: the dump holds several clinics (hospnum {hospnums}). Nothing was touched.',
    'restore.identity.dump.noInstitutionRow':
      'Refused: the dump has no tbl_syskanri 1001 row (医療機関情報) valid today for hospnum {hospnums}, so its institution code cannot be read. Nothing was touched.',
    'restore.identity.dump.ambiguousInstitutionRow':
      'Refused: several tbl_syskanri 1001 rows of the dump valid today name different institution codes. Nothing was touched.',
    'restore.identity.dump.malformedInstitutionCode':
      "Refused: characters 1–10 of the dump's tbl_syskanri 1001 row are not a 10-digit institution code. Nothing was touched.",
    'restore.identity.dump.notAnswered': 'Refused: the dump names no institution code. Nothing was touched.',
    'restore.identity.target.noClinic':
      "The {env}'s current database has no tbl_sysbase row, so it names no clinic: only the configured institution code was compared.",
    'restore.identity.target.severalClinics':
      "The {env}'s current database holds several clinics (hospnum {hospnums}): its institution code was not read; only the configured one was compared.",
    'restore.identity.target.noInstitutionRow':
      "The {env}'s current database has no tbl_syskanri 1001 row valid today: only the configured institution code was compared.",
    'restore.identity.target.ambiguousInstitutionRow':
      "The {env}'s current database has several 1001 rows naming different codes: only the configured institution code was compared.",
    'restore.identity.target.malformedInstitutionCode':
      "The {env}'s current 1001 row does not hold a 10-digit code: only the configured institution code was compared.",
    'restore.identity.target.notAnswered':
      'The {env} did not name its institution code: only the configured institution code was compared.',
    'restore.step.safetyDump': 'Saving the replaced database as a safety dump…',
    'restore.step.finishing': 'Dropping the replaced database…',
    'restore.warn.reopened':
      'The database {database} of the {env} had been left closed to connections by an interrupted restore; it was re-opened.',
    'restore.warn.sessionsClosed':
      "Closed {count} session(s) on the {env}'s replaced database at the swap: {sessions}.",
    'restore.warn.keptDropped':
      'Dropped {name}, a database an earlier restore of the {env} kept: its verified dump {id} is in the catalog.',
    'restore.warn.keptListed':
      'Earlier restores of the {env} kept these databases (no verified dump of them yet): {names}. `orca-hybrid restore --target {envId} --drop-kept` dumps and drops them.',
    'restore.warn.safetyDumpFailed':
      'The restore into the {env} is complete, but the safety dump of the replaced database failed ({reason}); it is kept as {name}, so nothing of it is lost. `orca-hybrid restore --target {envId} --drop-kept` dumps and drops it later.',
    'restore.keptDatabases': 'Kept, not dropped: {names} (see `orca-hybrid restore --target {env} --drop-kept`).',
    'restore.webOrcaSilent.local':
      'WebORCA of the {env} did not answer after the restore. Restart it on that machine (`sudo systemctl restart jma-receipt-weborca`), then check with `orca-hybrid status`. Cause: {reason}',
    'restore.webOrcaSilent.cloud':
      'WebORCA of the {env} did not answer after the restore. Ask the service to restart it, then check with `orca-hybrid status`. Cause: {reason}',
    'restore.advice.olderThanContent':
      'The restored backup is older than what the environment held: its {counters} were higher before the restore.',
    'restore.advice.belowOther': 'The {env} last showed higher {counters} (read {readAt}).',
    'restore.advice.emergency': 'Emergency mode: the operating environment may have issued numbers after this backup.',
    'restore.option.dropKept':
      'instead of restoring, dump each database earlier restores kept into the catalog (verified), then drop it',
    'restore.dropKept.notDirect': '--drop-kept applies to a directly reached database; {env} is a cloud environment.',
    'restore.dropKept.notDirect.hint': 'A cloud environment keeps no replaced databases on the tool’s side.',
    'restore.dropKept.item': '{name}: replaced {replacedAt}, {mb} MB, dump {dump}',
    'restore.dropKept.confirm': 'Dump (where needed) and drop these databases of the {env}?',
    'restore.dropKept.dumping': 'Dumping {name} into the catalog…',
    'restore.dropKept.done': 'Dropped {name}; its data is in backup {id}.',
    'restore.dropKept.none': 'The {env} has no kept databases.',
    'status.reopened': 'its database had been left closed to connections by an interrupted restore; re-opened now.',
    'status.keptDatabases':
      'databases kept by earlier restores: {names} (`orca-hybrid restore --target {env} --drop-kept`)',
  },
  ja: {
    'restore.gate.clinics': 'ダンプの医療機関 (tbl_sysbase hospnum) が 1 つ: {dump} (反映先: {target})',
    'restore.gate.clinics.refused':
      '中止: ダンプの tbl_sysbase の医療機関 (hospnum) は {dump} です。1 つである必要があります。何も変更していません。',
    'restore.gate.clinics.hint':
      'グループ診療のダンプや tbl_sysbase に行のないダンプ (WebORCA のデータベースでないか破損) は反映できません。別のバックアップを反映してください。',
    'restore.gate.structure': 'ダンプのデータベース構造 (tbl_dbkanri ORCADB00) {dump} ≤ 反映先 {target}',
    'restore.gate.structure.refused':
      '中止: ダンプのデータベース構造 {dump} は反映先の {target} より新しく、反映先の WebORCA では動きません。何も変更していません。',
    'restore.gate.structure.hint':
      '先に反映先の WebORCA を更新し (最新プログラム: サービス停止、`weborca-install`、起動)、`orca-hybrid status` で版を確認してから再度反映してください。構造の版がないダンプは WebORCA のダンプではありません。',
    'restore.structure.older':
      'ダンプのデータベース構造 {dump} は反映先の {target} より古いため、WebORCA が起動時に構造を更新します (jma-setup)。',
    'restore.structure.targetUnknown': '{env}のデータベース構造の版を読めなかったため、ダンプの版と比較していません。',
    'restore.identity.dump.noClinic':
      '中止: ダンプに tbl_sysbase の行がなく、医療機関を特定できません (WebORCA のデータベースでないか破損)。何も変更していません。',
    'restore.identity.dump.severalClinics':
      '中止: ダンプに複数の医療機関 (hospnum {hospnums}) があります。何も変更していません。',
    'restore.identity.dump.noInstitutionRow':
      '中止: ダンプに hospnum {hospnums} の本日有効な tbl_syskanri 1001 (医療機関情報) の行がなく、医療機関コードを読めません。何も変更していません。',
    'restore.identity.dump.ambiguousInstitutionRow':
      '中止: ダンプの本日有効な tbl_syskanri 1001 の行が複数あり、医療機関コードが一致しません。何も変更していません。',
    'restore.identity.dump.malformedInstitutionCode':
      '中止: ダンプの tbl_syskanri 1001 の行の 1〜10 文字目が 10 桁の医療機関コードではありません。何も変更していません。',
    'restore.identity.dump.notAnswered': '中止: ダンプに医療機関コードがありません。何も変更していません。',
    'restore.identity.target.noClinic':
      '{env}の現在のデータベースに tbl_sysbase の行がなく医療機関を特定できないため、設定の医療機関コードだけを比較しました。',
    'restore.identity.target.severalClinics':
      '{env}の現在のデータベースに複数の医療機関 (hospnum {hospnums}) があるため医療機関コードを読まず、設定の医療機関コードだけを比較しました。',
    'restore.identity.target.noInstitutionRow':
      '{env}の現在のデータベースに本日有効な tbl_syskanri 1001 の行がないため、設定の医療機関コードだけを比較しました。',
    'restore.identity.target.ambiguousInstitutionRow':
      '{env}の現在のデータベースの 1001 の行が複数あり医療機関コードが一致しないため、設定の医療機関コードだけを比較しました。',
    'restore.identity.target.malformedInstitutionCode':
      '{env}の現在の 1001 の行に 10 桁のコードがないため、設定の医療機関コードだけを比較しました。',
    'restore.identity.target.notAnswered':
      '{env}が医療機関コードを返さなかったため、設定の医療機関コードだけを比較しました。',
    'restore.step.safetyDump': '置き換えたデータベースを安全用ダンプとして保存しています…',
    'restore.step.finishing': '置き換えたデータベースを削除しています…',
    'restore.warn.reopened':
      '中断した以前の反映により{env}のデータベース {database} への接続が禁止されたままだったため、接続を許可し直しました。',
    'restore.warn.sessionsClosed':
      '切り替え時に{env}の置き換えたデータベースの接続 {count} 件を終了しました: {sessions}',
    'restore.warn.keptDropped':
      '以前の{env}への反映が残したデータベース {name} を削除しました。検証済みのダンプ {id} がカタログにあります。',
    'restore.warn.keptListed':
      '以前の{env}への反映が残したデータベースがあります (検証済みのダンプはまだありません): {names}。`orca-hybrid restore --target {envId} --drop-kept` でダンプしてから削除できます。',
    'restore.warn.safetyDumpFailed':
      '{env}への反映は完了しましたが、置き換えたデータベースの安全用ダンプに失敗しました ({reason})。{name} として残しているため何も失われていません。あとで `orca-hybrid restore --target {envId} --drop-kept` でダンプしてから削除できます。',
    'restore.keptDatabases':
      '削除せずに残したデータベース: {names} (`orca-hybrid restore --target {env} --drop-kept` を参照)。',
    'restore.webOrcaSilent.local':
      '反映後に{env}の WebORCA が応答しません。そのマシンで再起動してから (`sudo systemctl restart jma-receipt-weborca`)、`orca-hybrid status` で確認してください。原因: {reason}',
    'restore.webOrcaSilent.cloud':
      '反映後に{env}の WebORCA が応答しません。サービス提供者に再起動を依頼し、`orca-hybrid status` で確認してください。原因: {reason}',
    'restore.advice.olderThanContent':
      '反映したバックアップは環境の内容より古く、反映前の {counters} のほうが大きい値でした。',
    'restore.advice.belowOther': '{env}の最後の記録 ({readAt}) では {counters} がより大きい値です。',
    'restore.advice.emergency':
      '応急措置モードです。このバックアップの後に運用環境で番号が発行された可能性があります。',
    'restore.option.dropKept':
      '反映せずに、以前の反映が残したデータベースをカタログへダンプ (検証済み) してから削除する',
    'restore.dropKept.notDirect': '--drop-kept は直接接続するデータベースにだけ使えます。{env} はクラウド環境です。',
    'restore.dropKept.notDirect.hint': 'クラウド環境では、置き換えたデータベースをツール側に残しません。',
    'restore.dropKept.item': '{name}: {replacedAt} に置き換え、{mb} MB、ダンプ {dump}',
    'restore.dropKept.confirm': '{env}のこれらのデータベースを (必要ならダンプしてから) 削除しますか?',
    'restore.dropKept.dumping': '{name} をカタログへダンプしています…',
    'restore.dropKept.done': '{name} を削除しました。データはバックアップ {id} にあります。',
    'restore.dropKept.none': '{env}に残されたデータベースはありません。',
    'status.reopened': '中断した反映により接続が禁止されたままだったデータベースへの接続を許可し直しました。',
    'status.keptDatabases':
      '以前の反映が残したデータベース: {names} (`orca-hybrid restore --target {env} --drop-kept`)',
  },
};
