import type { AreaMessages } from './catalog.js';

/** `switch` (環境切り替え), and the delivery of pending mode pushes by every command. */
export const switchMessages: AreaMessages = {
  en: {
    'status.modeNotReported': 'mode not reported by this server',
    'status.modeInDatabase': 'recorded in its database: {mode}',
    'status.pendingPushes': 'Still to be told the recorded mode (they missed a switch)',
    'switch.cmd.summary': 'switch the mode: emergency, recovery or normal (環境切り替え)',
    'switch.arg.mode': 'emergency (応急措置モード), recovery (復旧措置モード) or normal (通常運用モード)',
    'switch.option.target':
      'switch emergency only: use this emergency environment (cloud or local) and select it; default: the selected one',
    'switch.option.force':
      'allow a step out of order, or switching to normal with visits left to copy (needs --reason)',
    'switch.option.reason': 'why --force is needed; recorded in the journal',
    'switch.option.timeout': 'how long each environment may take to answer',
    'switch.option.wait': 'wait up to this long for another run to release the lock (default: do not wait)',
    'switch.help.after':
      'The three buttons of the manual (§3.2.2), in their only order:\n' +
      '  normal → emergency    the operating environment cannot be used\n' +
      '  emergency → recovery  the operating environment is back\n' +
      '  recovery → normal     what was entered during the outage is in the operating environment again\n' +
      '\n' +
      'Before anything changes the plan is shown: what each environment will be told (X-Hybridmode), which\n' +
      'ones do not answer, the restore point (emergency) and the visits left to copy (normal). On a terminal\n' +
      'you are asked; in a script pass --yes. An environment that does not answer now is told by the next\n' +
      'command that reaches it (status too). The emergency environment that is not selected reports normal-fa.\n' +
      '\n' +
      'Examples:\n' +
      '  orca-hybrid switch emergency                 use the selected emergency environment\n' +
      '  orca-hybrid switch emergency --target local  use (and select) the local emergency environment\n' +
      '  orca-hybrid switch recovery --yes            unattended\n' +
      '  orca-hybrid switch normal --force --reason "copied by hand, checked by Dr. Sato"\n' +
      '\n' +
      'Exit codes: 0 done (also: already in that mode); 2 bad option, or no --yes without a terminal;\n' +
      '3 the environment the switch needs does not answer; 5 refused (not the next step, visits left to copy);\n' +
      '7 another run holds the lock; 8 recorded, but the environment that matters most was not told (re-run);\n' +
      '130 cancelled.',
    'switch.forceNeedsReason':
      '--force needs --reason "<why>": an override is recorded in the journal with its reason.',
    'switch.forceNeedsReason.hint': 'Add --reason "…" saying why the usual order does not apply.',
    'switch.reasonNeedsForce': '--reason "{reason}" is only for --force.',
    'switch.reasonTooLong': '--reason is longer than {max} characters.',
    'switch.illegal':
      'Cannot switch from {from} to {to}: the modes go normal → emergency → recovery → normal, so from {from} the next step is {next}.',
    'switch.illegal.hint':
      'Run `{tool} switch {next}`. If you are certain the usual order does not apply, add --force --reason "<why>" (journaled).',
    'switch.targetOnlyEmergency': '--target is for `switch emergency` only (not for {to}).',
    'switch.targetDuringOutage':
      'In {mode} mode the emergency environment in use ({current}) cannot change within a switch; --target {target} was given.',
    'switch.targetDuringOutage.hint':
      'To move to the other emergency environment deliberately, run `{tool} select {target}` (it asks, and warns about the data entered so far).',
    'switch.unreachable.operating':
      'Cannot switch to {to} mode: the operating environment does not answer. Recovery starts once it is back.',
    'switch.unreachable.cloudEmergency':
      'Cannot switch to {to} mode: the cloud emergency environment does not answer. The clinic would be sent to an environment that cannot be used.',
    'switch.unreachable.localEmergency':
      'Cannot switch to {to} mode: the local emergency environment does not answer. The clinic would be sent to an environment that cannot be used.',
    'switch.unreachable.operating.hint':
      'Check `{tool} status`; switch to recovery once the operating environment answers again.',
    'switch.unreachable.cloudEmergency.hint':
      'Check `{tool} status` and the network; or use the local emergency environment: `{tool} switch emergency --target local`.',
    'switch.unreachable.localEmergency.hint':
      'Start the local emergency environment (its VM and database), check `{tool} status`; or use the cloud one: `{tool} switch emergency --target cloud`.',
    'switch.copyableLeft':
      'Not switching to normal mode: diff-copy still finds {count} visit(s) entered in the emergency environment ({env}) that can be copied into the operating environment.',
    'switch.copyableLeft.hint':
      'Copy them first (`{tool} diff-copy`), or, if they are entered by hand already, add --force --reason "<why>".',
    'switch.copyable.notAvailable':
      'cannot be counted: diff-copy is not part of this release. Make sure everything entered in the emergency environment during the outage is in the operating environment (copied by hand, manual §4 (7)) before you go on.',
    'switch.pushFailed':
      'Switched to {to} mode and recorded it, but the environment {env} did not take the new mode; it is still pending.',
    'switch.pushFailed.hint':
      'Re-run `{tool} switch {to}` (or any command that reaches it, such as `{tool} status`) to tell it.',
    'switch.plan.title': 'Plan: {from} → {to}',
    'switch.plan.repeatTitle': 'Already in {to}: telling the environments again.',
    'switch.plan.emergencyEnv': '  Emergency environment: {env}',
    'switch.plan.selects': '  Emergency environment: {env} — selected by this switch (was: {previous})',
    'switch.plan.override': '  Override (--force), journaled with the reason: "{reason}"',
    'switch.plan.outOfOrder': '  Out of order: from {from} the usual next step is {next}.',
    'switch.plan.env': '  {env}: will report {reports} (now: {current})',
    'switch.plan.envUnreachable':
      '  {env}: will report {reports} — does not answer now ({reason}); the next command that reaches it tells it',
    'switch.plan.bystander': '  {env}: not in use — reports {reports}',
    'switch.plan.bystanderTold': '  {env}: not in use — will report {reports} (now: {current})',
    'switch.plan.bystanderUnreachable': '  {env}: not in use — does not answer now ({reason}); nothing is owed to it',
    'switch.plan.restore.none':
      '  Restore point of the {env}: none recorded. Newest verified backup: {newest}. After the switch: restore it, then bump-seq.',
    'switch.plan.restore.noneNoBackup':
      '  Restore point of the {env}: none recorded, and the backup folder holds no verified backup yet (run sync).',
    'switch.plan.restore.older':
      '  Restore point of the {env}: {point}, older than the newest verified backup {newest}. After the switch: restore, then bump-seq.',
    'switch.plan.restore.current':
      '  Restore point of the {env}: {point} — the newest verified backup. After the switch: bump-seq.',
    'switch.plan.restore.noBackup':
      '  Restore point of the {env}: {point}; the backup folder holds no verified backup to compare it with.',
    'switch.plan.copyable.unavailable': '  Visits left to copy back: {reason}',
    'switch.plan.copyable.none': '  Visits left to copy back: none.',
    'switch.plan.copyable.forced': '  Visits left to copy back: {count} — switching anyway (--force).',
    'switch.confirm': 'Switch to {to} now?',
    'switch.done': 'Switched: {from} → {to}.',
    'switch.repeat': 'Already in {to}; the environments were told again.',
    'switch.told': 'Told: {envs}.',
    'switch.pending': 'Not told yet: {envs} — the next command that reaches it tells it (e.g. `{tool} status`).',
    'switch.next': 'Next steps (manual §4):',
    'switch.next.diffCopyMissing': '(diff-copy is not part of this release: copy by hand, manual §4 (7))',
    'switch.next.restoreForce':
      '(before anyone enters data there; --force because it is now the environment in use: a safety dump is taken first)',
    'mode.delivered': 'Told the {env} the recorded mode: it reports {reported} now.',
    'mode.stillPending': 'The {env} is still to be told the recorded mode ({reported}): {reason}',
    'mode.notTried': 'no answer in time',
    'mode.deliveryLocked':
      'Pending mode push to {envs} not delivered: another run holds the lock. The next command that reaches it delivers it.',
    'mode.deliveryFailed': 'Pending mode pushes could not be delivered ({reason}); they stay pending.',
    'mode.tableDenied':
      'The database user {user} may not create the schema {schema} in {database} ({env}), where orca-hybrid records the mode.',
    'mode.tableDenied.hint':
      'As the database owner, run once: CREATE SCHEMA {schema} AUTHORIZATION {user}; — or connect as the owner of {database}.',
  },
  ja: {
    'status.modeNotReported': 'このサーバーはモードを報告しません',
    'status.modeInDatabase': 'データベースの記録: {mode}',
    'status.pendingPushes': '記録済みのモードをまだ通知していない環境 (切り替え時に応答なし)',
    'switch.cmd.summary': 'モードを切り替えます: emergency (応急措置)、recovery (復旧措置)、normal (通常運用)',
    'switch.arg.mode': 'emergency (応急措置モード)、recovery (復旧措置モード)、normal (通常運用モード)',
    'switch.option.target':
      'switch emergency のみ: 使う応急措置環境 (cloud または local) を指定し、選択中にします。既定は選択中の環境',
    'switch.option.force':
      '順序どおりでない切り替え、またはコピー可能な受診履歴が残ったままの通常運用への切り替えを許可 (--reason が必要)',
    'switch.option.reason': '--force が必要な理由。監査ログに記録します',
    'switch.option.timeout': '各環境の応答を待つ時間',
    'switch.option.wait': '別の処理がロックを解放するまで最大この時間待つ (既定: 待たない)',
    'switch.help.after':
      '運用手順書 3.2.2 の 3 つのボタンを、この順序でのみ実行します:\n' +
      '  normal → emergency    運用環境が利用できない時\n' +
      '  emergency → recovery  運用環境が回復したら\n' +
      '  recovery → normal     復旧完了したら (応急措置中の入力が運用環境に登録済み)\n' +
      '\n' +
      '何かを変更する前に計画を表示します: 各環境に伝えるモード (X-Hybridmode)、応答しない環境、復元ポイント\n' +
      '(emergency)、コピーが残っている受診履歴 (normal)。端末では確認を求め、スクリプトでは --yes が必要です。\n' +
      '今応答しない環境には、次にその環境に接続するコマンド (status を含む) が伝えます。選択されていない応急措置環境は\n' +
      'normal-fa を報告します。\n' +
      '\n' +
      '例:\n' +
      '  orca-hybrid switch emergency                 選択中の応急措置環境を使う\n' +
      '  orca-hybrid switch emergency --target local  ローカル応急措置環境を使う (選択中にする)\n' +
      '  orca-hybrid switch recovery --yes            無人実行\n' +
      '  orca-hybrid switch normal --force --reason "手入力で登録済み、佐藤医師が確認"\n' +
      '\n' +
      '終了コード: 0 完了 (既にそのモードの場合も)、2 オプションの誤り・端末でないのに --yes なし、\n' +
      '3 切り替えに必要な環境が応答しない、5 拒否 (次の手順ではない、コピーが残っている)、\n' +
      '7 別の処理がロックを保持、8 記録したが最も重要な環境に伝えられなかった (再実行)、130 中止。',
    'switch.forceNeedsReason':
      '--force には --reason "<理由>" が必要です: 手順外の切り替えは理由とともに監査ログに記録します。',
    'switch.forceNeedsReason.hint': '通常の順序が当てはまらない理由を --reason "…" で指定してください。',
    'switch.reasonNeedsForce': '--reason "{reason}" は --force と一緒に指定します。',
    'switch.reasonTooLong': '--reason が {max} 文字を超えています。',
    'switch.illegal':
      '{from} から {to} へは切り替えられません: モードは normal → emergency → recovery → normal の順で、{from} からの次の手順は {next} です。',
    'switch.illegal.hint':
      '`{tool} switch {next}` を実行してください。通常の順序が当てはまらないと確信できる場合のみ --force --reason "<理由>" を付けてください (監査ログに記録)。',
    'switch.targetOnlyEmergency': '--target は `switch emergency` でのみ指定できます ({to} では不可)。',
    'switch.targetDuringOutage':
      '現在のモード ({mode}) では、切り替えで使用中の応急措置環境 ({current}) を変えられません。--target {target} が指定されました。',
    'switch.targetDuringOutage.hint':
      'もう一方の応急措置環境へ意図して移る場合は `{tool} select {target}` を実行してください (確認と、これまでの入力データについての警告があります)。',
    'switch.unreachable.operating':
      '{to} モードに切り替えられません: 運用環境が応答しません。復旧措置は運用環境が回復してから始めます。',
    'switch.unreachable.cloudEmergency':
      '{to} モードに切り替えられません: クラウド応急措置環境が応答しません。利用できない環境へ切り替えることになります。',
    'switch.unreachable.localEmergency':
      '{to} モードに切り替えられません: ローカル応急措置環境が応答しません。利用できない環境へ切り替えることになります。',
    'switch.unreachable.operating.hint':
      '`{tool} status` で確認し、運用環境が再び応答したら復旧措置モードに切り替えてください。',
    'switch.unreachable.cloudEmergency.hint':
      '`{tool} status` とネットワークを確認してください。またはローカル応急措置環境を使います: `{tool} switch emergency --target local`。',
    'switch.unreachable.localEmergency.hint':
      'ローカル応急措置環境 (仮想環境とデータベース) を起動し `{tool} status` で確認してください。またはクラウドを使います: `{tool} switch emergency --target cloud`。',
    'switch.copyableLeft':
      '通常運用モードに切り替えません: 差分コピーで応急措置環境 ({env}) から運用環境へコピーできる受診履歴がまだ{count}件あります。',
    'switch.copyableLeft.hint':
      '先にコピーしてください (`{tool} diff-copy`)。手入力で登録済みの場合は --force --reason "<理由>" を付けてください。',
    'switch.copyable.notAvailable':
      '件数を数えられません: 差分コピーはこのリリースに含まれていません。応急措置中に応急措置環境へ入力した内容がすべて運用環境に登録されていること (手入力、運用手順書 4 (7)) を確かめてから進めてください。',
    'switch.pushFailed':
      '{to} モードに切り替えて記録しましたが、{env}が新しいモードを受け付けませんでした。未通知のまま残っています。',
    'switch.pushFailed.hint':
      '`{tool} switch {to}` を再実行するか、その環境に接続するコマンド (`{tool} status` など) を実行すると通知します。',
    'switch.plan.title': '計画: {from} → {to}',
    'switch.plan.repeatTitle': '既に{to}です: 各環境にもう一度通知します。',
    'switch.plan.emergencyEnv': '  応急措置環境: {env}',
    'switch.plan.selects': '  応急措置環境: {env} — この切り替えで選択中にします (変更前: {previous})',
    'switch.plan.override': '  手順外の切り替え (--force)。理由とともに監査ログに記録します: "{reason}"',
    'switch.plan.outOfOrder': '  順序外: {from} からの通常の次の手順は {next} です。',
    'switch.plan.env': '  {env}: {reports} を報告するようにします (現在: {current})',
    'switch.plan.envUnreachable':
      '  {env}: {reports} を報告するようにします — 現在応答しません ({reason})。次にその環境に接続するコマンドが通知します',
    'switch.plan.bystander': '  {env}: 使用しません — {reports} を報告しています',
    'switch.plan.bystanderTold': '  {env}: 使用しません — {reports} を報告するようにします (現在: {current})',
    'switch.plan.bystanderUnreachable': '  {env}: 使用しません — 現在応答しません ({reason})。通知は不要です',
    'switch.plan.restore.none':
      '  {env}の復元ポイント: 記録なし。最新の検証済みバックアップ: {newest}。切り替え後にバックアップから反映し、管理連番を更新してください。',
    'switch.plan.restore.noneNoBackup':
      '  {env}の復元ポイント: 記録なし。バックアップフォルダーに検証済みのバックアップもまだありません (sync を実行)。',
    'switch.plan.restore.older':
      '  {env}の復元ポイント: {point}。最新の検証済みバックアップ {newest} より古いものです。切り替え後にバックアップから反映し、管理連番を更新してください。',
    'switch.plan.restore.current':
      '  {env}の復元ポイント: {point} — 最新の検証済みバックアップです。切り替え後に管理連番を更新してください。',
    'switch.plan.restore.noBackup':
      '  {env}の復元ポイント: {point}。比較できる検証済みバックアップがバックアップフォルダーにありません。',
    'switch.plan.copyable.unavailable': '  コピーが残っている受診履歴: {reason}',
    'switch.plan.copyable.none': '  コピーが残っている受診履歴: なし。',
    'switch.plan.copyable.forced': '  コピーが残っている受診履歴: {count}件 — --force により切り替えます。',
    'switch.confirm': '{to}に切り替えますか?',
    'switch.done': '切り替えました: {from} → {to}。',
    'switch.repeat': '既に{to}です。各環境にもう一度通知しました。',
    'switch.told': '通知済み: {envs}。',
    'switch.pending': '未通知: {envs} — 次にその環境に接続するコマンドが通知します (例: `{tool} status`)。',
    'switch.next': '次の手順 (運用手順書 4):',
    'switch.next.diffCopyMissing':
      '(差分コピーはこのリリースに含まれていません: 手入力で登録してください。運用手順書 4 (7))',
    'switch.next.restoreForce':
      '(入力を始める前に。使用中の環境になったため --force が必要です: 先に安全用ダンプを取得します)',
    'mode.delivered': '{env}に記録済みのモードを通知しました。現在 {reported} を報告しています。',
    'mode.stillPending': '{env}にはまだ記録済みのモード ({reported}) を通知できていません: {reason}',
    'mode.notTried': '時間内に応答がありません',
    'mode.deliveryLocked':
      '{envs}への未通知のモードを通知しませんでした: 別の処理がロックを保持しています。次にその環境に接続するコマンドが通知します。',
    'mode.deliveryFailed': '未通知のモードを通知できませんでした ({reason})。未通知のまま残します。',
    'mode.tableDenied':
      'データベースユーザー {user} は {database} ({env}) にスキーマ {schema} を作成できません。orca-hybrid はそこにモードを記録します。',
    'mode.tableDenied.hint':
      'データベースの所有者として一度だけ実行してください: CREATE SCHEMA {schema} AUTHORIZATION {user}; — または {database} の所有者で接続してください。',
  },
};
