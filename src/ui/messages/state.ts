import type { AreaMessages } from './catalog.js';

/** State file, audit journal, lock, and the commands `journal`, `unlock`, `select`. */
export const stateMessages: AreaMessages = {
  en: {
    'state.damaged': 'The state file {path} is damaged and cannot be read ({reason}). It was left exactly as it is.',
    'state.invalid': 'The state file {path} does not have the expected content. It was left exactly as it is.',
    'state.damaged.hint':
      'Nothing was changed, and orca-hybrid never resets this file by itself. Repair it, or move it aside (e.g. rename it to state.json.bad) after noting the mode and selected environment recorded in `{tool} journal`.',
    'state.tooNew':
      'The state file {path} was written by a newer orca-hybrid (state version {found}; this one understands up to {supported}).',
    'state.tooNew.hint':
      'Upgrade orca-hybrid on this computer to the version that wrote it; the file was left as it is.',
    'state.unreadable': 'The state file {path} cannot be read ({reason}).',
    'state.invalidWrite': 'Refused to write an invalid state to {path}; the file was left as it was. This is a bug.',
    'state.busy': 'Another orca-hybrid command is changing the state in {dir}; gave up waiting for it.',
    'state.busy.hint': 'Try again in a minute.',
    'state.dirFallback':
      'The configuration could not be loaded ({reason}); using the state folder {dir}. Pass --state-dir to choose another.',
    'lock.held': 'Another {command} (pid {pid} on {host}, started {startedAt}, {phase}) holds the lock.',
    'lock.heldNoPhase': 'Another {command} (pid {pid} on {host}, started {startedAt}) holds the lock.',
    'lock.heldUnknown':
      'Another orca-hybrid process holds the lock (its holder is not recorded yet; last refreshed {refreshedAt}).',
    'lock.held.hint':
      'Wait for it to finish, or re-run with --wait <duration> where the command offers it. If that process is gone, `{tool} unlock` removes the lock.',
    'lock.waiting':
      'Waiting up to {seconds} s for the lock held by {command} (pid {pid} on {host}, started {startedAt})…',
    'lock.waitingUnknown': 'Waiting up to {seconds} s for the lock…',
    'lock.tookOver.deadProcess':
      'Took over a stale lock: {command} (pid {pid} on {host}, started {startedAt}) is no longer running.',
    'lock.tookOver.rebooted':
      'Took over a stale lock: {command} (pid {pid} on {host}, started {startedAt}) ran before this computer restarted.',
    'lock.tookOver.notRefreshed':
      'Took over a stale lock: {command} (pid {pid} on {host}, started {startedAt}) has not refreshed it since {refreshedAt}.',
    'lock.tookOver.noHolder': 'Took over a stale lock without a recorded holder (last refreshed {refreshedAt}).',
    'lock.compromised': 'The lock of this {command} was removed or taken by another process.',
    'lock.lost': 'The lock of this {command} was lost to another process; stopped.',
    'lock.lost.hint': 'Check `{tool} status` and `{tool} journal`, then re-run the command.',
    'lock.reason.deadProcess': 'its process is no longer running',
    'lock.reason.rebooted': 'it ran before this computer restarted',
    'lock.reason.notRefreshed': 'it stopped refreshing the lock',
    'lock.reason.noHolder': 'no holder was recorded and it stopped being refreshed',
    'unlock.none': 'No lock is held.',
    'unlock.holder':
      'Lock held by {command} (pid {pid} on {host}, user {user}, started {startedAt}, phase {phase}; last refreshed {refreshedAt}).',
    'unlock.holderUnknown': 'Lock held by an unrecorded process (last refreshed {refreshedAt}).',
    'unlock.stale': 'Its holder is gone: {reason}.',
    'unlock.alive': 'The holder {command} (pid {pid}) is still running on this computer; the lock was not removed.',
    'unlock.alive.hint': 'Wait for it to finish, or stop that process first.',
    'unlock.confirm':
      'The holder may still be running on {host}; removing its lock could let two runs collide. Remove the lock?',
    'unlock.needsYes': 'The holder may still be running on {host}; removing its lock needs a confirmation.',
    'unlock.needsYes.hint': 'Make sure nothing runs there, then pass --yes.',
    'unlock.otherHost': 'another computer',
    'unlock.removed': 'Lock removed.',
    'unlock.kept': 'The lock was kept.',
    'select.done': 'Selected: {env} (was: {previous}).',
    'select.unchanged': 'The {env} is already selected.',
    'select.cmd.summary': 'choose the emergency environment (選択): cloud or local',
    'select.option.wait': 'wait up to this long for another run to release the lock (default: do not wait)',
    'select.warn':
      'In {mode} the clinic works in the {previous}. Selecting the {choice} moves it there: what was entered in the {previous} during the outage stays there and is not moved.',
    'select.warn.tell': 'The {env} will report {reports}.',
    'select.confirm': 'Select the {choice} now?',
    'select.told': 'Told: {envs}.',
    'select.pending': 'Not told yet: {envs} — the next command that reaches it tells it (e.g. `{tool} status`).',
    'select.arg.choice': 'cloud (cloud emergency environment) or local (local emergency environment)',
    'journal.cmd.summary': 'read the audit journal of every state change',
    'unlock.cmd.summary': 'remove a stale lock after confirming its holder is gone',
    'journal.torn': 'Skipped line {line} of the journal: it was cut off (a crash while it was written).',
    'journal.invalid': 'Skipped line {line} of the journal: it is not a readable entry.',
    'journal.badSince':
      '--since: "{value}" is not a date (use 2026-11-25, 2026-11-25T10:00, or an age such as 30s, 30m, 24h, 7d).',
    'journal.col.time': 'Time',
    'journal.col.who': 'User@host',
    'journal.col.command': 'Command',
    'journal.col.outcome': 'Outcome',
    'journal.col.duration': 'Duration',
    'journal.col.changes': 'Changes',
    'journal.outcome.ok': 'ok',
    'journal.outcome.failed': 'failed (exit {code})',
    'journal.noChange': '(no change)',
    'journal.option.wide': 'the full table: the whole command line and every change uncut, whatever the width',
    'state.option.stateDir':
      "state folder (default: the config's stateDir, ORCA_HYBRID_STATE_DIR, or the user's state folder)",
    'journal.option.since': 'only entries since a date (2026-11-25, 2026-11-25T10:00) or an age (30s, 30m, 24h, 7d)',
  },
  ja: {
    'state.damaged': '状態ファイル {path} が壊れていて読めません ({reason})。ファイルはそのまま残しています。',
    'state.invalid': '状態ファイル {path} の内容が想定と異なります。ファイルはそのまま残しています。',
    'state.damaged.hint':
      '何も変更していません。orca-hybrid がこのファイルを自動で初期化することはありません。修復するか、`{tool} journal` で記録済みのモードと選択中の環境を確認してから別名 (例: state.json.bad) に移してください。',
    'state.tooNew':
      '状態ファイル {path} は新しい orca-hybrid で書かれています (状態バージョン {found}。このバージョンが扱えるのは {supported} まで)。',
    'state.tooNew.hint':
      'このコンピューターの orca-hybrid を、そのファイルを書いたバージョンに更新してください。ファイルはそのまま残しています。',
    'state.unreadable': '状態ファイル {path} を読めません ({reason})。',
    'state.invalidWrite': '不正な状態を {path} に書き込むのを拒否しました。ファイルは元のままです。これは不具合です。',
    'state.busy': '別の orca-hybrid コマンドが {dir} の状態を変更中のため、待機を打ち切りました。',
    'state.busy.hint': '1 分ほどしてから再実行してください。',
    'state.dirFallback':
      '設定を読み込めませんでした ({reason})。状態フォルダー {dir} を使います。別のフォルダーは --state-dir で指定してください。',
    'lock.held': '別の {command} (pid {pid}、{host}、{startedAt}開始、{phase}) がロックを保持しています。',
    'lock.heldNoPhase': '別の {command} (pid {pid}、{host}、{startedAt}開始) がロックを保持しています。',
    'lock.heldUnknown':
      '別の orca-hybrid プロセスがロックを保持しています (保持者はまだ記録されていません。最終更新{refreshedAt})。',
    'lock.held.hint':
      '終了を待つか、コマンドが対応していれば --wait <時間> を付けて再実行してください。そのプロセスが既に存在しない場合は `{tool} unlock` でロックを解除できます。',
    'lock.waiting': '{command} (pid {pid}、{host}、{startedAt}開始) が保持するロックを最大{seconds}秒待っています…',
    'lock.waitingUnknown': 'ロックを最大{seconds}秒待っています…',
    'lock.tookOver.deadProcess':
      '古いロックを引き継ぎました: {command} (pid {pid}、{host}、{startedAt}開始) は既に終了しています。',
    'lock.tookOver.rebooted':
      '古いロックを引き継ぎました: {command} (pid {pid}、{host}、{startedAt}開始) はこのコンピューターの再起動前のものです。',
    'lock.tookOver.notRefreshed':
      '古いロックを引き継ぎました: {command} (pid {pid}、{host}、{startedAt}開始) は{refreshedAt}以降ロックを更新していません。',
    'lock.tookOver.noHolder': '保持者の記録がない古いロックを引き継ぎました (最終更新{refreshedAt})。',
    'lock.compromised': 'この {command} のロックが別のプロセスにより削除または取得されました。',
    'lock.lost': 'この {command} のロックを別のプロセスに奪われたため中止しました。',
    'lock.lost.hint': '`{tool} status` と `{tool} journal` を確認してから再実行してください。',
    'lock.reason.deadProcess': 'プロセスが既に終了しています',
    'lock.reason.rebooted': 'このコンピューターの再起動前のものです',
    'lock.reason.notRefreshed': 'ロックの更新が止まっています',
    'lock.reason.noHolder': '保持者の記録がなく、更新も止まっています',
    'unlock.none': 'ロックは保持されていません。',
    'unlock.holder':
      'ロック保持者: {command} (pid {pid}、{host}、ユーザー {user}、{startedAt}開始、段階 {phase}。最終更新{refreshedAt})。',
    'unlock.holderUnknown': '記録のないプロセスがロックを保持しています (最終更新{refreshedAt})。',
    'unlock.stale': '保持者は既にいません: {reason}。',
    'unlock.alive': '保持者 {command} (pid {pid}) はこのコンピューターでまだ実行中のため、ロックを解除しませんでした。',
    'unlock.alive.hint': '終了を待つか、先にそのプロセスを停止してください。',
    'unlock.confirm':
      '保持者は {host} でまだ実行中かもしれません。ロックを解除すると処理が二重に動く恐れがあります。解除しますか?',
    'unlock.needsYes': '保持者は {host} でまだ実行中かもしれないため、ロックの解除には確認が必要です。',
    'unlock.needsYes.hint': 'そちらで何も実行されていないことを確かめてから --yes を付けてください。',
    'unlock.otherHost': '別のコンピューター',
    'unlock.removed': 'ロックを解除しました。',
    'unlock.kept': 'ロックはそのままにしました。',
    'select.done': '{env}を選択しました (変更前: {previous})。',
    'select.unchanged': '{env}は既に選択されています。',
    'select.cmd.summary': '応急措置環境を選択します (cloud または local)',
    'select.option.wait': '別の処理がロックを解放するまで最大この時間待つ (既定: 待たない)',
    'select.warn':
      '{mode}の間、医療機関は{previous}で入力しています。{choice}を選択すると入力先がそちらに移ります: 応急措置中に{previous}へ入力したデータはそこに残り、移動しません。',
    'select.warn.tell': '{env}は {reports} を報告するようになります。',
    'select.confirm': '{choice}を選択しますか?',
    'select.told': '通知済み: {envs}。',
    'select.pending': '未通知: {envs} — 次にその環境に接続するコマンドが通知します (例: `{tool} status`)。',
    'select.arg.choice': 'cloud (クラウド応急措置環境) または local (ローカル応急措置環境)',
    'journal.cmd.summary': '状態を変更したすべての操作の監査ログを表示します',
    'unlock.cmd.summary': '保持者がいないことを確認して古いロックを解除します',
    'journal.torn': '監査ログの {line} 行目を読み飛ばしました: 書き込み中に途切れています (書き込み中の異常終了)。',
    'journal.invalid': '監査ログの {line} 行目を読み飛ばしました: 読み取れない内容です。',
    'journal.badSince':
      '--since: "{value}" は日時として解釈できません (2026-11-25、2026-11-25T10:00、または 30s、30m、24h、7d のような経過時間で指定してください)。',
    'journal.col.time': '日時',
    'journal.col.who': 'ユーザー@ホスト',
    'journal.col.command': 'コマンド',
    'journal.col.outcome': '結果',
    'journal.col.duration': '所要時間',
    'journal.col.changes': '変更内容',
    'journal.outcome.ok': '成功',
    'journal.outcome.failed': '失敗 (終了コード {code})',
    'journal.noChange': '(変更なし)',
    'journal.option.wide': '幅にかかわらず表全体 (コマンドライン全体と、省略しない変更内容) を表示',
    'state.option.stateDir':
      '状態フォルダー (既定: 設定の stateDir、ORCA_HYBRID_STATE_DIR、またはユーザーの状態フォルダー)',
    'journal.option.since': '指定日時以降の記録のみ (2026-11-25、2026-11-25T10:00) または経過時間 (30s、30m、24h、7d)',
  },
};
