import type { AreaMessages } from './catalog.js';

/** `restore` (バックアップから反映) and `bump-seq` (管理連番を更新). Env names arrive already translated unless noted. */
export const restoreMessages: AreaMessages = {
  en: {
    'restore.cmd.summary': 'load a verified backup into an environment (default: the selected emergency environment)',
    'restore.option.target': 'environment to restore into (default: the selected emergency environment)',
    'restore.option.backup': 'backup id from the catalog (default: the newest verified one)',
    'restore.option.force':
      'restore over the emergency environment in use during an outage (a safety dump is taken first)',
    'restore.option.confirmClinic':
      "the clinic's name, confirming a restore into the operating environment without a prompt",
    'restore.option.timeout': 'how long to wait for a cloud restore job (e.g. 30m)',
    'restore.option.wait': 'wait this long for the lock held by another run (e.g. 5m)',
    'restore.option.jobs': 'pg_restore parallel jobs (default: the number of CPU cores)',
    'restore.invalidJobs': '--jobs must be a whole number from 1 to 64, not "{value}".',
    'restore.backupNotFound': 'No backup "{id}" is in the catalog.',
    'restore.backupNotFound.hint':
      'List the catalog with `orca-hybrid backups list`, or omit --backup to use the newest verified one.',
    'restore.notVerified': 'Backup "{id}" was never verified; only verified dumps are restored.',
    'restore.notVerified.hint':
      'Run `orca-hybrid sync` (or `backup`) to fetch and verify a dump, then restore that one.',
    'restore.noBackup': 'The catalog holds no verified backup to restore into {env}.',
    'restore.noBackup.hint': 'Run `orca-hybrid sync` to fetch the newest backup of the operating environment.',
    'restore.noBackup.operating.hint':
      'Take a backup of the emergency environment that holds the outage data first: `orca-hybrid backup --from cloudEmergency` (or localEmergency).',
    'restore.damagedSidecar': 'Skipped a damaged catalog entry: {file}',
    'restore.dumpChanged':
      'The dump of backup {id} no longer matches its catalog entry ({what}: expected {expected}, found {found}). Nothing was touched.',
    'restore.dumpChanged.hint':
      'The file {file} was altered or damaged after it was verified. Restore another backup (--backup), or fetch it again with `orca-hybrid sync`.',
    'restore.chosen': 'Backup: {id} from the {source}, created {createdAt} ({age})',
    'restore.gates': 'Checks before restoring:',
    'restore.gate.archiveVersion': 'archive version {dump} readable by {target}',
    'restore.gate.serverVersion': 'dump made by {dump} restorable into {target}',
    'restore.gate.institution': 'institution code (tbl_syskanri 1001) of the dump {dump} = configured/target {target}',
    'restore.gate.archiveVersion.refused':
      'Refused: the dump has archive version {dump}, which {target} cannot read. Nothing was touched.',
    'restore.gate.archiveVersion.hint':
      "Install PostgreSQL's client programs of the version that made the dump (or newer) on this computer.",
    'restore.gate.serverVersion.refused':
      'Refused: a dump made by {dump} does not restore into {target} (it sets transaction_timeout). Nothing was touched.',
    'restore.gate.serverVersion.hint':
      "Restore into a server of PostgreSQL 17 or newer, or take the dump with the pg_dump of the target server's version.",
    'restore.gate.institution.refused':
      'Refused: the dump belongs to institution code {dump}, but the configuration/target says {target}. Nothing was touched.',
    'restore.gate.institution.hint':
      'This dump is from another clinic (or names none). Check clinic.institutionCode in the configuration and the backup folder; there is no override.',
    'restore.guard.activeEmergency':
      'Refused: this emergency environment is in use during the outage; restoring would erase the data entered since the switch.',
    'restore.guard.activeEmergency.hint':
      'If nothing was entered there yet, re-run with --force: a safety dump of its database is taken and cataloged first.',
    'restore.guard.noSafetyDump':
      'Refused: the current database of this emergency environment cannot be saved first (it cannot be reached), so a forced restore could lose outage data.',
    'restore.guard.noSafetyDump.hint': 'Make the environment reachable (check `orca-hybrid status`), then re-run.',
    'restore.guard.clinicNameMismatch': 'Refused: "{typed}" is not the clinic\'s name ({configured}).',
    'restore.guard.clinicNameMismatch.hint': 'Type the clinic name exactly as clinic.name in the configuration says.',
    'restore.privilege.createdb':
      'The database user {user} of {env} may not create databases, which the restore needs for its staging database. Nothing was touched.',
    'restore.privilege.createdb.hint':
      'Grant it: ALTER ROLE {user} CREATEDB; (as a PostgreSQL superuser), then re-run.',
    'restore.privilege.owner':
      'The database user {user} does not own the database {database} of {env}, so it cannot replace it. Nothing was touched.',
    'restore.privilege.owner.hint':
      'Configure the user that owns {database} (WebORCA: orca), or make {user} its owner.',
    'restore.plan': 'About to replace the database of the {env} with backup {id} (created {age}).',
    'restore.plan.withSafety':
      'About to replace the database of the {env} with backup {id} (created {age}); the database it replaces is saved as a safety dump and kept until that dump is verified.',
    'restore.plan.activeEmergency': 'WARNING: the {env} is the one in use during the outage.',
    'restore.plan.operating':
      "WARNING: this replaces the OPERATING environment's database (the manual's second scenario).",
    'restore.confirm': 'Restore into the {env}?',
    'restore.typeClinic': "Type the clinic's name ({name}) to confirm:",
    'restore.safetyTaken': 'Safety dump cataloged as {id}.',
    'restore.step.preparing': 'Preparing…',
    'restore.step.staging': 'Creating the staging database…',
    'restore.step.restoring': 'Restoring into the staging database (pg_restore)…',
    'restore.step.cleaning': "Emptying WebORCA's session tables…",
    'restore.step.checking': 'Checking the key tables and the 管理連番…',
    'restore.step.analyzing': 'Updating planner statistics of the restored database (ANALYZE)…',
    'restore.step.swapping': 'Swapping the restored database in…',
    'restore.step.remote': 'Restore job running on the environment…',
    'restore.failed.preparing':
      'The restore into {env} failed while preparing; the database in use was left untouched.',
    'restore.failed.staging':
      'The restore into {env} failed while creating the staging database; the database in use was left untouched.',
    'restore.failed.restoring': 'The restore into {env} failed in pg_restore; the database in use was left untouched.',
    'restore.failed.cleaning':
      'The restore into {env} failed while emptying the session tables; the database in use was left untouched.',
    'restore.failed.checking':
      'The restored database of {env} failed its checks; the database in use was left untouched.',
    'restore.failed.analyzing': 'The restore into {env} failed during ANALYZE; the database in use was left untouched.',
    'restore.failed.swapping':
      'The swap of the restored database into {env} failed and was undone; the database in use was left untouched.',
    'restore.failed.remote':
      "The restore job of {env} failed; by the contract, the environment's database was left as it was.",
    'restore.failed.hint': 'Nothing changed in {env}. Fix the cause shown above and re-run `orca-hybrid restore`.',
    'restore.cloud.cancelled':
      'Stopped watching the restore job {jobId} of {env}: it was {state} ({percent}%) and goes on on the environment, which will hold the backup once it finishes. The restore point is not recorded yet.',
    'restore.cloud.cancelledStarting':
      'Stopped while {env} was being asked to start the restore job: the job may have started and then goes on on the environment. The restore point is not recorded yet.',
    'restore.cloud.cancelled.hint':
      'Re-run the same `orca-hybrid restore` command: it finds the same job, follows it to its end and records the restore point.',
    'restore.unknown':
      'The restore job {jobId} of {env} has not finished yet (last seen: {step}, {percent}%). Its outcome is unknown — this is not a failure.',
    'restore.unknown.hint':
      'Re-run the same `orca-hybrid restore` command later: it finds the same job and waits for it (use --timeout to wait longer).',
    'restore.swapUndoFailed':
      'The swap into {target} failed, and {target} could not be re-opened to connections afterwards; its data is unchanged.',
    'restore.swapUndoFailed.hint':
      'Run `orca-hybrid status` or re-run `orca-hybrid restore`: both re-open {target} first.',
    'restore.check.missingTables': 'The restored database lacks key tables: {tables}.',
    'restore.check.missingTables.hint': 'The dump is not a complete WebORCA database. Restore another backup.',
    'restore.check.counters': 'The 管理連番 rows of the restored database cannot be read.',
    'restore.warn.renamedBack':
      'An interrupted earlier restore had left the {env} database renamed to {name}; its name was given back first.',
    'restore.warn.leftoversDropped': 'Removed databases left by an interrupted earlier restore of the {env}: {names}',
    'restore.warn.oldKept':
      'The replaced database of the {env} could not be dropped ({reason}); it is kept as {name}. `orca-hybrid status` lists it; `orca-hybrid restore --target {envId} --drop-kept` dumps and drops it.',
    'restore.warn.analyzeFailed':
      "The restore into the {env} is complete, but ANALYZE of {database} did not finish; PostgreSQL's autovacuum will gather the statistics, or run `ANALYZE` in {database}.",
    'restore.safety.refused': '{env} refused to export its database for the safety dump ({code}). Nothing was touched.',
    'restore.safety.refused.hint': 'Another job may be running there; wait for it and re-run.',
    'restore.safety.failed': 'The safety export of {env} failed ({code}: {message}). Nothing was touched.',
    'restore.safety.failed.hint': 'Check the environment with `orca-hybrid status`, then re-run.',
    'restore.safety.unknown': 'The safety export job {jobId} of {env} has not finished in time. Nothing was restored.',
    'restore.safety.unknown.hint': 'Re-run later, or with a longer --timeout.',
    'restore.safety.missing': '{env} reported its safety export {id} done, but does not list it. Nothing was restored.',
    'restore.cloud.refused': '{env} refused to start the restore ({code}).',
    'restore.cloud.refused.hint':
      'JOB_RUNNING: another job runs there — wait and re-run. NOT_FOUND: the backup is not on the environment — run `orca-hybrid sync`.',
    'restore.cloud.jobFailed': 'The restore job of {env} failed ({code}: {message}).',
    'restore.cloud.jobFailed.hint': 'Check the environment with `orca-hybrid status`; re-run once the cause is fixed.',
    'restore.cloud.replayed': 'Found the restore job {jobId} started {createdAt} by an earlier run of this command.',
    'restore.done': 'Restored backup {id} into the {env} in {seconds} s.',
    'restore.safetyKept': 'The previous database is kept as backup {id}.',
    'restore.counters': '管理連番 of the {env} now:',
    'restore.recommendBump': 'Raise the 管理連番 before anyone enters data:\n  {command}',
    'restore.countersUnreadable': 'Could not read the 管理連番 of the {env} after the restore: {reason}',
    'bump.cmd.summary': 'raise the 管理連番 of an environment past another one (live or last-known)',
    'bump.option.env': 'environment whose counters are raised',
    'bump.option.from':
      'environment to stay above (default: operating; for operating, the selected emergency environment)',
    'bump.option.fromLastKnown':
      "use the source's last-known counters (recorded by sync/status) instead of reading them live",
    'bump.option.margin':
      'spare numbers left above the source (default: sequences.margin, or sequences.lastKnownMargin for a last-known source)',
    'bump.option.dryRun': 'show the plan only; change nothing',
    'bump.option.wait': 'wait this long for the lock held by another run',
    'bump.sameEnv': 'The source and the target are both {env}.',
    'bump.sameEnv.hint': 'Pass --from with another environment.',
    'bump.noLastKnown': 'No last-known 管理連番 are recorded for {env}.',
    'bump.noLastKnown.hint':
      'Read them live (omit --from-last-known) when the environment answers; `orca-hybrid sync` and `status` record them.',
    'bump.invalidMargin': '--margin must be a whole number from 0 to 9999999, not "{value}".',
    'bump.invalidMargin.hint': 'For example --margin 100.',
    'bump.sourceLive': 'Source: the {env}, read now; margin {margin}.',
    'bump.sourceLastKnown': 'Source: the last-known counters of the {env}, read {readAt} ({age}); margin {margin}.',
    'bump.sourceFallback':
      'The {env} cannot be reached; using its last-known counters from {readAt} ({age}) with the last-known margin.',
    'bump.col.counter': 'counter',
    'bump.col.source': 'source ({env})',
    'bump.col.before': 'before',
    'bump.col.after': 'after',
    'bump.confirm': 'Raise the 管理連番 of the {env} as shown?',
    'bump.nothingToRaise': 'The 管理連番 of the {env} are already high enough; nothing was changed.',
    'bump.dryRun': 'Dry run: {count} counter(s) of the {env} would be raised; nothing was changed.',
    'bump.done': 'Raised {count} counter(s) of the {env}.',
  },
  ja: {
    'restore.cmd.summary': '検証済みバックアップを環境へ反映 (既定: 選択中の応急措置環境)',
    'restore.option.target': '反映先の環境 (既定: 選択中の応急措置環境)',
    'restore.option.backup': 'カタログのバックアップ ID (既定: 最新の検証済み)',
    'restore.option.force': '障害中に使用中の応急措置環境へも反映する (先に安全用ダンプを取得)',
    'restore.option.confirmClinic': '運用環境へ反映するときの確認用の医療機関名 (プロンプトなし)',
    'restore.option.timeout': 'クラウドの反映ジョブを待つ時間 (例: 30m)',
    'restore.option.wait': '他の実行がロックを保持しているとき待つ時間 (例: 5m)',
    'restore.option.jobs': 'pg_restore の並列数 (既定: CPU コア数)',
    'restore.invalidJobs': '--jobs には 1〜64 の整数を指定してください ("{value}" は不可)。',
    'restore.backupNotFound': 'バックアップ "{id}" はカタログにありません。',
    'restore.backupNotFound.hint':
      '`orca-hybrid backups list` で一覧を確認するか、--backup を省略して最新の検証済みを使ってください。',
    'restore.notVerified': 'バックアップ "{id}" は検証されていません。反映できるのは検証済みのダンプだけです。',
    'restore.notVerified.hint': '`orca-hybrid sync` (または `backup`) でダンプを取得・検証してから反映してください。',
    'restore.noBackup': '{env}へ反映できる検証済みバックアップがカタログにありません。',
    'restore.noBackup.hint': '`orca-hybrid sync` で運用環境の最新バックアップを取得してください。',
    'restore.noBackup.operating.hint':
      '先に障害中のデータを持つ応急措置環境のバックアップを取得してください: `orca-hybrid backup --from cloudEmergency` (または localEmergency)。',
    'restore.damagedSidecar': '壊れたカタログ項目を読み飛ばしました: {file}',
    'restore.dumpChanged':
      'バックアップ {id} のダンプがカタログの記録と一致しません ({what}: 期待値 {expected}、実際 {found})。何も変更していません。',
    'restore.dumpChanged.hint':
      'ファイル {file} は検証後に変更または破損しています。別のバックアップを指定する (--backup) か、`orca-hybrid sync` で取り直してください。',
    'restore.chosen': 'バックアップ: {id} ({source}、{createdAt} 作成、{age})',
    'restore.gates': '反映前の確認:',
    'restore.gate.archiveVersion': 'ダンプのアーカイブ版 {dump} を {target} で読めるか',
    'restore.gate.serverVersion': '{dump} で作成したダンプを {target} へ反映できるか',
    'restore.gate.institution': 'ダンプの医療機関コード (tbl_syskanri 1001) {dump} = 設定/反映先 {target}',
    'restore.gate.archiveVersion.refused':
      '中止: ダンプのアーカイブ版 {dump} は {target} では読めません。何も変更していません。',
    'restore.gate.archiveVersion.hint':
      'ダンプを作成した版以上の PostgreSQL クライアントをこの PC にインストールしてください。',
    'restore.gate.serverVersion.refused':
      '中止: {dump} で作成したダンプは {target} へ反映できません (transaction_timeout を設定するため)。何も変更していません。',
    'restore.gate.serverVersion.hint':
      'PostgreSQL 17 以上のサーバーへ反映するか、反映先サーバーの版の pg_dump でダンプを作成してください。',
    'restore.gate.institution.refused':
      '中止: ダンプの医療機関コードは {dump} ですが、設定/反映先は {target} です。何も変更していません。',
    'restore.gate.institution.hint':
      '別の医療機関のダンプ (または医療機関コードのないダンプ) です。設定の clinic.institutionCode とバックアップフォルダを確認してください。回避する方法はありません。',
    'restore.guard.activeEmergency':
      '中止: この応急措置環境は障害中に使用中です。反映すると切り替え後に入力したデータが消えます。',
    'restore.guard.activeEmergency.hint':
      'まだ何も入力していない場合は --force を付けて再実行してください。先に現在のデータベースの安全用ダンプを取得してカタログに登録します。',
    'restore.guard.noSafetyDump':
      '中止: この応急措置環境の現在のデータベースを先に保存できない (接続できない) ため、強制反映すると障害中のデータを失う恐れがあります。',
    'restore.guard.noSafetyDump.hint':
      '環境に接続できるようにしてから (`orca-hybrid status` で確認) 再実行してください。',
    'restore.guard.clinicNameMismatch': '中止: "{typed}" は医療機関名 ({configured}) と一致しません。',
    'restore.guard.clinicNameMismatch.hint': '設定の clinic.name のとおりに医療機関名を入力してください。',
    'restore.privilege.createdb':
      '{env}のデータベースユーザー {user} にはデータベース作成権限がありません (反映用の一時データベースに必要)。何も変更していません。',
    'restore.privilege.createdb.hint':
      'PostgreSQL のスーパーユーザーで ALTER ROLE {user} CREATEDB; を実行してから再実行してください。',
    'restore.privilege.owner':
      'データベースユーザー {user} は{env}のデータベース {database} の所有者ではないため、置き換えられません。何も変更していません。',
    'restore.privilege.owner.hint':
      '{database} を所有するユーザー (WebORCA では orca) を設定するか、{user} を所有者にしてください。',
    'restore.plan': '{env}のデータベースをバックアップ {id} ({age}作成) で置き換えます。',
    'restore.plan.withSafety':
      '{env}のデータベースをバックアップ {id} ({age}作成) で置き換えます。置き換えられるデータベースは安全用ダンプとして保存し、そのダンプを検証するまで残します。',
    'restore.plan.activeEmergency': '警告: {env}は障害中に使用中の環境です。',
    'restore.plan.operating': '警告: 運用環境のデータベースを置き換えます (手順書の2つ目のシナリオ)。',
    'restore.confirm': '{env}へ反映しますか?',
    'restore.typeClinic': '確認のため医療機関名 ({name}) を入力してください:',
    'restore.safetyTaken': '安全用ダンプを {id} としてカタログに登録しました。',
    'restore.step.preparing': '準備しています…',
    'restore.step.staging': '一時データベースを作成しています…',
    'restore.step.restoring': '一時データベースへ復元しています (pg_restore)…',
    'restore.step.cleaning': 'WebORCA のセッション用テーブルを空にしています…',
    'restore.step.checking': '主要テーブルと管理連番を確認しています…',
    'restore.step.analyzing': '復元したデータベースの統計情報を更新しています (ANALYZE)…',
    'restore.step.swapping': '復元したデータベースに切り替えています…',
    'restore.step.remote': '環境側で反映ジョブを実行しています…',
    'restore.failed.preparing': '{env}への反映は準備中に失敗しました。使用中のデータベースは変更していません。',
    'restore.failed.staging':
      '{env}への反映は一時データベースの作成中に失敗しました。使用中のデータベースは変更していません。',
    'restore.failed.restoring': '{env}への反映は pg_restore で失敗しました。使用中のデータベースは変更していません。',
    'restore.failed.cleaning':
      '{env}への反映はセッション用テーブルを空にする途中で失敗しました。使用中のデータベースは変更していません。',
    'restore.failed.checking':
      '{env}へ復元したデータベースが確認に合格しませんでした。使用中のデータベースは変更していません。',
    'restore.failed.analyzing': '{env}への反映は ANALYZE 中に失敗しました。使用中のデータベースは変更していません。',
    'restore.failed.swapping': '{env}の切り替えに失敗したため元に戻しました。使用中のデータベースは変更していません。',
    'restore.failed.remote': '{env}の反映ジョブが失敗しました。契約上、環境のデータベースは元のままです。',
    'restore.failed.hint':
      '{env}には何も変更がありません。上の原因を解消してから `orca-hybrid restore` を再実行してください。',
    'restore.cloud.cancelled':
      '{env}の反映ジョブ {jobId} の監視を中止しました: ジョブは {state} ({percent}%) で、環境側で続いています。終わるとバックアップの内容に置き換わります。反映の記録はまだしていません。',
    'restore.cloud.cancelledStarting':
      '{env}へ反映ジョブの開始を依頼している途中で中断しました: ジョブが始まっていれば環境側で続いています。反映の記録はまだしていません。',
    'restore.cloud.cancelled.hint':
      '同じ `orca-hybrid restore` コマンドを再実行してください。同じジョブを見つけて終わりまで待ち、反映を記録します。',
    'restore.unknown':
      '{env}の反映ジョブ {jobId} はまだ終わっていません (最後の状態: {step}、{percent}%)。結果は不明です — 失敗ではありません。',
    'restore.unknown.hint':
      '後で同じ `orca-hybrid restore` を再実行してください。同じジョブを見つけて終了を待ちます (長く待つには --timeout)。',
    'restore.swapUndoFailed':
      '{target} への切り替えに失敗し、その後 {target} への接続を再び許可できませんでした。データは変わっていません。',
    'restore.swapUndoFailed.hint':
      '`orca-hybrid status` を実行するか `orca-hybrid restore` を再実行してください。どちらも最初に {target} への接続を許可し直します。',
    'restore.check.missingTables': '復元したデータベースに主要テーブルがありません: {tables}',
    'restore.check.missingTables.hint':
      'このダンプは WebORCA のデータベース全体ではありません。別のバックアップを反映してください。',
    'restore.check.counters': '復元したデータベースの管理連番の行を読めません。',
    'restore.warn.renamedBack':
      '中断した以前の反映により{env}のデータベースが {name} に改名されたままだったため、先に名前を戻しました。',
    'restore.warn.leftoversDropped': '中断した以前の{env}への反映が残したデータベースを削除しました: {names}',
    'restore.warn.oldKept':
      '{env}の置き換えられたデータベースを削除できなかったため ({reason}) {name} として残しています。`orca-hybrid status` に表示され、`orca-hybrid restore --target {envId} --drop-kept` でダンプしてから削除できます。',
    'restore.warn.analyzeFailed':
      '{env}への反映は完了しましたが、{database} の ANALYZE が終わりませんでした。統計情報は PostgreSQL の autovacuum が集めます。すぐに必要なら {database} で `ANALYZE` を実行してください。',
    'restore.safety.refused': '{env}は安全用ダンプのためのエクスポートを拒否しました ({code})。何も変更していません。',
    'restore.safety.refused.hint': '別のジョブが実行中の可能性があります。終了を待って再実行してください。',
    'restore.safety.failed': '{env}の安全用エクスポートが失敗しました ({code}: {message})。何も変更していません。',
    'restore.safety.failed.hint': '`orca-hybrid status` で環境を確認してから再実行してください。',
    'restore.safety.unknown':
      '{env}の安全用エクスポートのジョブ {jobId} が時間内に終わりませんでした。反映はしていません。',
    'restore.safety.unknown.hint': '後で、または --timeout を長くして再実行してください。',
    'restore.safety.missing':
      '{env}は安全用エクスポート {id} の完了を報告しましたが、一覧にありません。反映はしていません。',
    'restore.cloud.refused': '{env}は反映の開始を拒否しました ({code})。',
    'restore.cloud.refused.hint':
      'JOB_RUNNING: 別のジョブが実行中です。待ってから再実行してください。NOT_FOUND: バックアップが環境にありません。`orca-hybrid sync` を実行してください。',
    'restore.cloud.jobFailed': '{env}の反映ジョブが失敗しました ({code}: {message})。',
    'restore.cloud.jobFailed.hint': '`orca-hybrid status` で環境を確認し、原因を解消してから再実行してください。',
    'restore.cloud.replayed': '以前の実行が {createdAt} に開始した反映ジョブ {jobId} を見つけました。',
    'restore.done': 'バックアップ {id} を{env}へ反映しました ({seconds} 秒)。',
    'restore.safetyKept': '以前のデータベースはバックアップ {id} として残しています。',
    'restore.counters': '現在の{env}の管理連番:',
    'restore.recommendBump': 'データを入力する前に管理連番を更新してください:\n  {command}',
    'restore.countersUnreadable': '反映後に{env}の管理連番を読めませんでした: {reason}',
    'bump.cmd.summary': '環境の管理連番を別の環境 (現在値または最後に記録した値) より大きくする',
    'bump.option.env': '管理連番を更新する環境',
    'bump.option.from': '基準にする環境 (既定: 運用環境。運用環境を更新するときは選択中の応急措置環境)',
    'bump.option.fromLastKnown': '基準環境の現在値を読まず、最後に記録した値 (sync/status が記録) を使う',
    'bump.option.margin':
      '基準より上に空けておく番号の数 (既定: sequences.margin、記録値を使うときは sequences.lastKnownMargin)',
    'bump.option.dryRun': '計画を表示するだけで何も変更しない',
    'bump.option.wait': '他の実行がロックを保持しているとき待つ時間',
    'bump.sameEnv': '基準と更新先がどちらも{env}です。',
    'bump.sameEnv.hint': '--from に別の環境を指定してください。',
    'bump.noLastKnown': '{env}の管理連番の記録値がありません。',
    'bump.noLastKnown.hint':
      '環境に接続できるなら現在値を読んでください (--from-last-known を省略)。記録値は `orca-hybrid sync` と `status` が保存します。',
    'bump.invalidMargin': '--margin には 0〜9999999 の整数を指定してください ("{value}" は不可)。',
    'bump.invalidMargin.hint': '例: --margin 100',
    'bump.sourceLive': '基準: {env} (現在値)、余裕 {margin}。',
    'bump.sourceLastKnown': '基準: {env}の記録値 ({readAt} に取得、{age})、余裕 {margin}。',
    'bump.sourceFallback': '{env}に接続できないため、{readAt} ({age}) に記録した値を記録値用の余裕で使います。',
    'bump.col.counter': '管理連番',
    'bump.col.source': '基準 ({env})',
    'bump.col.before': '更新前',
    'bump.col.after': '更新後',
    'bump.confirm': '{env}の管理連番を表のとおり更新しますか?',
    'bump.nothingToRaise': '{env}の管理連番はすでに十分大きいため、何も変更していません。',
    'bump.dryRun': '試行: {env}の管理連番 {count} 件を更新する予定です。何も変更していません。',
    'bump.done': '{env}の管理連番 {count} 件を更新しました。',
  },
};
