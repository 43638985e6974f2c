import type { AreaMessages } from './catalog.js';

/** `vm start|stop|rebuild|status` (manual §3.2.5): the local emergency environment's virtual machine. */
export const vmMessages: AreaMessages = {
  en: {
    'vm.cmd.summary': "start, stop, rebuild or show the local emergency environment's virtual machine",
    'vm.help.after':
      'The VM runs WebORCA on-premises for the local emergency environment (VirtualBox, Hyper-V, or the lab).\nSet it up once as docs/vm.md describes (NAT forwards, the clean snapshot).\nExit codes: 0 done; 2 configuration (no such VM, snapshot or forward); 3 the VM or WebORCA did not answer in time; 5 refused; 6 WebORCA not current after a rebuild; 7 another run holds the lock; 130 cancelled.',
    'vm.start.cmd.summary': 'start the VM and wait until WebORCA answers (仮想環境を起動, about a minute)',
    'vm.stop.cmd.summary': 'shut the VM down; pull the power after the timeout only when told (仮想環境を停止)',
    'vm.rebuild.cmd.summary':
      'wipe the VM back to its clean snapshot, apply the newest WebORCA, start it (仮想環境を再構築, 7–10 minutes)',
    'vm.status.cmd.summary': "show the VM's state, its NAT forwards and whether WebORCA answers",
    'vm.option.timeout': 'how long to wait (e.g. 90s, 5m); default: localEmergency.vm.{setting}',
    'vm.option.force.stop': 'pull the power when the guest has not shut down by the timeout, without asking',
    'vm.option.force.rebuild':
      'rebuild even the environment in use (a safety dump is taken first), or a VM whose database cannot be checked',
    'vm.option.confirmEnv': 'confirm the rebuild without a prompt: the environment name, localEmergency',
    'vm.option.restore': 'after the rebuild, restore the newest verified backup without asking',
    'vm.option.noRestore': 'after the rebuild, restore nothing and do not ask',
    'vm.option.wait': 'wait this long for another run to release the lock (e.g. 5m)',
    'vm.noVm': 'localEmergency.vm is not configured: orca-hybrid does not manage a virtual machine here',
    'vm.noVm.hint': 'Add the vm section to the configuration (docs/configuration.md, "localEmergency.vm").',
    'vm.notFound': '{provider} has no virtual machine named "{name}"',
    'vm.notFound.hint.virtualbox':
      'Compare localEmergency.vm.name with the names `VBoxManage list vms` prints (the name or the UUID).',
    'vm.notFound.hint.hyperv': 'Compare localEmergency.vm.name with the names `Get-VM` prints.',
    'vm.notFound.hint.elevation':
      'Hyper-V says the same to a console without administrator rights: run the terminal as administrator (or join "Hyper-V Administrators"), then compare localEmergency.vm.name with `Get-VM`.',
    'vm.notFound.hint.lab': 'Run `{tool} lab up` (the lab folder is localEmergency.vm.labDir).',
    'vm.forward.missing':
      'The VM "{name}" has no NAT port forward for host port(s) {ports}; the tool reaches its database and WebORCA through them',
    'vm.forward.missing.hint':
      'With the VM off, add the rule, e.g. VBoxManage modifyvm {name} --natpf1 "orca,tcp,127.0.0.1,{port},,8000" (guest port 8000 for WebORCA, 5432 for PostgreSQL); see docs/vm.md.',
    'vm.webOrca.timedOut': 'WebORCA did not answer within {seconds} s (waited {elapsed} s)',
    'vm.webOrca.timedOut.hint':
      "Look at the VM's console (has the guest booted? is jma-receipt-weborca running?), then run `{tool} vm start` again, or wait longer with --timeout.",
    'vm.start.badState': 'The VM "{name}" is {state}; it cannot be started as it is',
    'vm.start.badState.hint.virtualbox':
      'Resume it or power it off (VBoxManage controlvm {name} resume, or … poweroff), then start it again.',
    'vm.start.badState.hint.hyperv': 'Resume it or turn it off in Hyper-V Manager, then start it again.',
    'vm.start.badState.hint.lab': 'Run `{tool} lab down`, then `{tool} lab up`.',
    'vm.start.stillBusy': 'The VM "{name}" is still {state} after {elapsed} s',
    'vm.start.stillBusy.hint': 'Wait until the hypervisor has finished, then run `{tool} vm start` again.',
    'vm.stop.timedOut': 'The VM "{name}" did not shut down within {elapsed} s and is still running',
    'vm.stop.timedOut.hint':
      "Run `{tool} vm stop --force` to pull the power after the timeout (WebORCA may lose what it had not yet written), or shut it down from the guest's console.",
    'vm.tool.missing': '{tool} was not found',
    'vm.tool.missing.hint.vboxmanage':
      "Install VirtualBox, or set localEmergency.vm.programFile to VBoxManage's path. Besides the PATH, these were tried (above).",
    'vm.tool.missing.hint.powershell':
      'Hyper-V needs Windows PowerShell (powershell.exe); set localEmergency.vm.programFile to its path if it is elsewhere.',
    'vm.tool.missing.hint.ssh':
      "Install the OpenSSH client, or set localEmergency.vm.rebuild.ssh.programFile to ssh's path.",
    'vm.tool.configuredMissing': 'The configured program {path} is not an executable file',
    'vm.tool.configuredMissing.hint': 'Correct localEmergency.vm.programFile, or remove it to search the usual places.',
    'vm.tool.timedOut': '{tool} {operation} did not finish within {seconds} s',
    'vm.tool.timedOut.hint': 'The hypervisor may be busy or hung: check it in its manager, then try again.',
    'vm.tool.broken': '{tool} is installed but cannot run (exit code 126)',
    'vm.tool.broken.hint': 'Repair or reinstall VirtualBox.',
    'vm.tool.failed': '{tool} {operation} failed for the VM "{name}" (exit code {exitCode})',
    'vm.tool.failed.hint': "Read the lines above; fix the cause in the hypervisor's manager, then try again.",
    'vm.vbox.kernelModules': "VirtualBox's kernel modules are not loaded on this computer",
    'vm.vbox.kernelModules.hint':
      'Reinstall VirtualBox or load its kernel modules (Linux: sudo /sbin/vboxconfig), then try again.',
    'vm.guest.timedOut': '`{command}` ({via}) did not finish within {seconds} s',
    'vm.guest.timedOut.hint': 'Raise localEmergency.vm.rebuild.updateTimeoutSeconds, or look at the guest.',
    'vm.rebuild.guard.activeEmergency':
      'The local emergency environment is the one in use (emergency or recovery mode, local selected): a rebuild would discard what was entered there',
    'vm.rebuild.guard.activeEmergency.hint':
      'Copy the outage data back and return to normal mode first. To rebuild anyway, add --force: its database is then dumped first (safety dump).',
    'vm.rebuild.guard.noSafetyDump':
      "The VM's database cannot be read, so no safety dump is possible, and it may hold the outage's records: rebuild refused",
    'vm.rebuild.guard.noSafetyDump.hint':
      "Get the VM's database answering (orca-hybrid vm start) and try again; if the VM cannot start, keep a copy of its disk before anything else.",
    'vm.rebuild.uninspectable': "The VM's database could not be checked for entries made since its last restore",
    'vm.rebuild.uninspectable.hint':
      'Start the VM and try again, or add --force to rebuild without checking (whatever was entered there is lost).',
    'vm.snapshot.missing': 'The VM "{name}" has no snapshot "{snapshot}". It has:',
    'vm.snapshot.missing.hint':
      'Take it once on the freshly installed VM (VBoxManage snapshot {name} take {snapshot}; Checkpoint-VM -Name {name} -SnapshotName {snapshot}), or set localEmergency.vm.snapshot.',
    'vm.rebuild.noGuest': 'localEmergency.vm.rebuild.update has steps, but no way into the guest is configured',
    'vm.rebuild.noGuest.hint': 'Set localEmergency.vm.rebuild.ssh (host, port, user, identityFile).',
    'vm.rebuild.updateFailed': 'Update step {index}/{count} `{command}` ended with exit code {exitCode} ({via})',
    'vm.rebuild.updateFailed.hint':
      'Read its output above, fix the guest, then run `{tool} vm rebuild` again (the VM runs meanwhile).',
    'vm.rebuild.notCurrent': 'After the rebuild WebORCA does not report current programs and masters (systeminfv2):',
    'vm.rebuild.notCurrent.hint':
      'Apply the newest programs in the guest (weborca-install; list it in localEmergency.vm.rebuild.update) and rebuild again. The VM runs meanwhile.',
    'vm.rebuild.confirmMismatch': 'The rebuild was not confirmed: "{typed}" is not "localEmergency"',
    'vm.rebuild.confirmMismatch.hint': 'Type localEmergency exactly (or pass --confirm-env localEmergency).',
    'vm.state.running': 'running',
    'vm.state.off': 'off',
    'vm.state.starting': 'starting',
    'vm.state.stopping': 'shutting down',
    'vm.state.saved': 'saved (suspended)',
    'vm.state.paused': 'paused',
    'vm.state.busy': 'busy',
    'vm.state.failed': 'failed',
    'vm.state.unknown': 'unknown',
    'vm.state.notFound': 'not found',
    'vm.starting': 'Starting the VM "{name}"…',
    'vm.alreadyRunning': 'The VM "{name}" is already running.',
    'vm.waitingWebOrca': 'Waiting for WebORCA to answer (up to {seconds} s)…',
    'vm.started': 'The VM "{name}" is running and WebORCA answers ({seconds} s).',
    'vm.startedAlready': 'The VM "{name}" was already running; WebORCA answers.',
    'vm.stop.requested': 'Asking the guest to shut down (up to {seconds} s)…',
    'vm.stop.poweringOff': 'Pulling the power…',
    'vm.stop.confirmPowerOff':
      'The VM has not shut down after {elapsed} s. Pull the power? (WebORCA may lose what it had not written)',
    'vm.stopped': 'The VM "{name}" is shut down ({seconds} s).',
    'vm.poweredOff': 'The VM "{name}" was powered off after the shutdown timeout ({seconds} s).',
    'vm.alreadyStopped': 'The VM "{name}" is not running.',
    'vm.status.vm': 'VM',
    'vm.status.snapshot': 'Current snapshot',
    'vm.status.forwards': 'NAT forwards',
    'vm.status.forwardsOk': 'present for every port the configuration uses',
    'vm.status.forwardsMissing': 'missing for host port(s) {ports}',
    'vm.status.webOrca': 'WebORCA',
    'vm.status.webOrcaAnswers': 'answers',
    'vm.status.webOrcaSilent': 'does not answer: {error}',
    'vm.status.elevation': '(Hyper-V: perhaps not run as administrator)',
    'vm.plan.title': 'Rebuild of the VM "{name}" ({provider}) back to the snapshot "{snapshot}":',
    'vm.plan.inspect': '1. check its database for entries made since the last restore ({since})',
    'vm.plan.inspectStarts':
      '1. start it (it is off) and check its database for entries made since the last restore ({since})',
    'vm.plan.never': 'none recorded: any entry counts',
    'vm.plan.safety': '2. if any are found, dump the database first (safety dump)',
    'vm.plan.safetyAlways': '2. dump its database first (safety dump): it is the environment in use',
    'vm.plan.rest':
      '3. power it off, restore the snapshot (everything since is discarded), start it, wait for WebORCA, run {steps} update step(s), check the versions, offer to restore the newest backup',
    'vm.plan.typeEnv': 'Type localEmergency to rebuild it',
    'vm.step.inspect': 'checking the database',
    'vm.step.safetyDump': 'safety dump',
    'vm.step.powerOff': 'powering off',
    'vm.step.snapshot': 'restoring the snapshot',
    'vm.step.start': 'starting and waiting for WebORCA',
    'vm.step.update': 'update steps',
    'vm.step.updateOne': 'update step {index}/{count}: {command}',
    'vm.step.verify': 'checking the versions (systeminfv2)',
    'vm.step.restore': 'restoring the newest backup',
    'vm.step.done': '{step}: done in {seconds} s',
    'vm.rebuild.interrupted': 'Done before the failure: {steps}.',
    'vm.rebuild.safetyKept':
      'The safety dump {id} holds what the VM had; `{tool} restore --target localEmergency --backup {id}` puts it back.',
    'vm.rebuild.offerRestore': 'Restore the newest verified backup into the rebuilt VM now?',
    'vm.rebuild.done': 'The VM "{name}" is rebuilt and runs current WebORCA ({seconds} s in all).',
    'vm.rebuild.entries': 'Entries found since the last restore: {rows}',
    'vm.rebuild.unchecked': "The VM's database was not checked (--force).",
    'vm.rebuild.safety': 'Safety dump: {id}',
    'vm.rebuild.version': 'WebORCA {version}: DB structure, masters and programs current',
    'vm.rebuild.restored': 'Restored backup {id} into the VM.',
    'vm.rebuild.restoreDeclined': 'No backup restored: run `{tool} restore --target localEmergency` when ready.',
    'vm.rebuild.noBackup': 'No verified backup to restore yet: run `{tool} sync` first.',
  },
  ja: {
    'vm.cmd.summary': 'ローカル応急措置環境の仮想環境を起動・停止・再構築・表示',
    'vm.help.after':
      'ローカル応急措置環境の WebORCA オンプレを動かす仮想マシン (VirtualBox・Hyper-V・ラボ) を操作します。\n最初の準備 (NAT のポート転送、初期状態のスナップショット) は docs/vm.md を参照してください。\n終了コード: 0 完了、2 設定 (仮想マシン・スナップショット・転送がない)、3 仮想マシンまたは WebORCA が時間内に応答しない、5 拒否、6 再構築後の WebORCA が最新でない、7 別の実行がロック中、130 中止。',
    'vm.start.cmd.summary': '仮想環境を起動し WebORCA の応答を待つ (1 分程度)',
    'vm.stop.cmd.summary': '仮想環境を停止 (時間切れ後の強制停止は指示があるときだけ)',
    'vm.rebuild.cmd.summary':
      '仮想環境を再構築: 初期状態のスナップショットへ戻し最新の WebORCA を適用して起動 (7〜10 分程度)',
    'vm.status.cmd.summary': '仮想環境の状態・NAT のポート転送・WebORCA の応答を表示',
    'vm.option.timeout': '待つ時間 (例 90s、5m)。既定は localEmergency.vm.{setting}',
    'vm.option.force.stop': '時間内にゲストが停止しないとき、確認せずに電源を切る',
    'vm.option.force.rebuild':
      '使用中の環境 (先に安全のためのダンプを取得) や、データベースを確認できない仮想マシンでも再構築する',
    'vm.option.confirmEnv': '確認の入力を省略: 環境名 localEmergency を指定',
    'vm.option.restore': '再構築後、確認せずに最新の検証済みバックアップを反映',
    'vm.option.noRestore': '再構築後、反映せず確認もしない',
    'vm.option.wait': '別の実行がロックを解放するまで待つ時間 (例 5m)',
    'vm.noVm': 'localEmergency.vm が設定されていません: この PC では仮想マシンを管理しません',
    'vm.noVm.hint': '設定に vm の項目を追加してください (docs/configuration.md の「localEmergency.vm」)。',
    'vm.notFound': '{provider} に「{name}」という仮想マシンがありません',
    'vm.notFound.hint.virtualbox':
      'localEmergency.vm.name と `VBoxManage list vms` が表示する名前 (または UUID) を比べてください。',
    'vm.notFound.hint.hyperv': 'localEmergency.vm.name と `Get-VM` が表示する名前を比べてください。',
    'vm.notFound.hint.elevation':
      'Hyper-V は管理者権限のないコンソールにも同じ応答を返します: ターミナルを管理者として実行するか「Hyper-V Administrators」に参加し、localEmergency.vm.name と `Get-VM` の名前を比べてください。',
    'vm.notFound.hint.lab': '`{tool} lab up` を実行してください (ラボのフォルダーは localEmergency.vm.labDir)。',
    'vm.forward.missing':
      '仮想マシン「{name}」にホストのポート {ports} の NAT ポート転送がありません。データベースと WebORCA へはこの転送を通して接続します',
    'vm.forward.missing.hint':
      '仮想マシンを停止した状態で規則を追加してください。例: VBoxManage modifyvm {name} --natpf1 "orca,tcp,127.0.0.1,{port},,8000" (ゲストのポートは WebORCA が 8000、PostgreSQL が 5432)。docs/vm.md を参照。',
    'vm.webOrca.timedOut': 'WebORCA が{seconds}秒以内に応答しませんでした ({elapsed}秒待機)',
    'vm.webOrca.timedOut.hint':
      '仮想マシンの画面を確認し (ゲストは起動したか、jma-receipt-weborca は動いているか)、`{tool} vm start` をもう一度実行するか、--timeout で長く待ってください。',
    'vm.start.badState': '仮想マシン「{name}」は {state} の状態で、このままでは起動できません',
    'vm.start.badState.hint.virtualbox':
      '再開するか電源を切ってから (VBoxManage controlvm {name} resume、または … poweroff)、もう一度起動してください。',
    'vm.start.badState.hint.hyperv': 'Hyper-V マネージャーで再開するか停止してから、もう一度起動してください。',
    'vm.start.badState.hint.lab': '`{tool} lab down` の後に `{tool} lab up` を実行してください。',
    'vm.start.stillBusy': '仮想マシン「{name}」は {elapsed} 秒たっても {state} の状態です',
    'vm.start.stillBusy.hint': 'ハイパーバイザーの処理が終わってから `{tool} vm start` をもう一度実行してください。',
    'vm.stop.timedOut': '仮想マシン「{name}」は {elapsed} 秒以内に停止せず、動作したままです',
    'vm.stop.timedOut.hint':
      '`{tool} vm stop --force` で時間切れ後に電源を切れます (WebORCA が書き込み前の内容を失うことがあります)。またはゲストの画面から停止してください。',
    'vm.tool.missing': '{tool} が見つかりません',
    'vm.tool.missing.hint.vboxmanage':
      'VirtualBox をインストールするか、localEmergency.vm.programFile に VBoxManage のパスを設定してください。PATH のほか上記の場所を探しました。',
    'vm.tool.missing.hint.powershell':
      'Hyper-V には Windows PowerShell (powershell.exe) が必要です。別の場所にある場合は localEmergency.vm.programFile にパスを設定してください。',
    'vm.tool.missing.hint.ssh':
      'OpenSSH クライアントをインストールするか、localEmergency.vm.rebuild.ssh.programFile に ssh のパスを設定してください。',
    'vm.tool.configuredMissing': '設定されたプログラム {path} は実行できるファイルではありません',
    'vm.tool.configuredMissing.hint':
      'localEmergency.vm.programFile を正しくするか、削除して通常の場所を探させてください。',
    'vm.tool.timedOut': '{tool} {operation} が{seconds}秒以内に終わりませんでした',
    'vm.tool.timedOut.hint':
      'ハイパーバイザーが処理中か応答していない可能性があります。管理画面で確認してからやり直してください。',
    'vm.tool.broken': '{tool} はインストールされていますが実行できません (終了コード 126)',
    'vm.tool.broken.hint': 'VirtualBox を修復または再インストールしてください。',
    'vm.tool.failed': '仮想マシン「{name}」への {tool} {operation} が失敗しました (終了コード {exitCode})',
    'vm.tool.failed.hint': '上の行を読み、ハイパーバイザーの管理画面で原因を解消してからやり直してください。',
    'vm.vbox.kernelModules': 'この PC では VirtualBox のカーネルモジュールが読み込まれていません',
    'vm.vbox.kernelModules.hint':
      'VirtualBox を再インストールするか、カーネルモジュールを読み込んでから (Linux: sudo /sbin/vboxconfig) やり直してください。',
    'vm.guest.timedOut': '`{command}` ({via}) が{seconds}秒以内に終わりませんでした',
    'vm.guest.timedOut.hint':
      'localEmergency.vm.rebuild.updateTimeoutSeconds を長くするか、ゲストの状態を確認してください。',
    'vm.rebuild.guard.activeEmergency':
      'ローカル応急措置環境は使用中です (応急措置モードまたは復旧措置モードで、ローカルを選択中)。再構築するとそこで入力された内容が消えます',
    'vm.rebuild.guard.activeEmergency.hint':
      '先に入力内容を運用環境へコピーして通常運用モードに戻してください。それでも再構築する場合は --force を付けてください (先にデータベースのダンプを取得します)。',
    'vm.rebuild.guard.noSafetyDump':
      '仮想マシンのデータベースを読めないため安全のためのダンプを取得できず、障害中の入力が残っている可能性があります: 再構築を拒否しました',
    'vm.rebuild.guard.noSafetyDump.hint':
      '仮想マシンのデータベースが応答するようにして (orca-hybrid vm start) やり直してください。起動できない場合は、まず仮想ディスクのコピーを保存してください。',
    'vm.rebuild.uninspectable':
      '前回の反映以降に入力された内容があるか、仮想マシンのデータベースを確認できませんでした',
    'vm.rebuild.uninspectable.hint':
      '仮想マシンを起動してやり直すか、確認せずに再構築する場合は --force を付けてください (そこで入力された内容は失われます)。',
    'vm.snapshot.missing': '仮想マシン「{name}」にスナップショット「{snapshot}」がありません。あるもの:',
    'vm.snapshot.missing.hint':
      'インストール直後の仮想マシンで一度作成するか (VBoxManage snapshot {name} take {snapshot}、Checkpoint-VM -Name {name} -SnapshotName {snapshot})、localEmergency.vm.snapshot を設定してください。',
    'vm.rebuild.noGuest': 'localEmergency.vm.rebuild.update に手順がありますが、ゲストへの接続方法が設定されていません',
    'vm.rebuild.noGuest.hint': 'localEmergency.vm.rebuild.ssh (host、port、user、identityFile) を設定してください。',
    'vm.rebuild.updateFailed': '更新手順{index}/{count} `{command}` が終了コード {exitCode} で終わりました ({via})',
    'vm.rebuild.updateFailed.hint':
      '上の出力を読んでゲストを直し、`{tool} vm rebuild` をもう一度実行してください (その間も仮想マシンは動作しています)。',
    'vm.rebuild.notCurrent': '再構築後の WebORCA が最新のプログラムとマスタを報告しません (systeminfv2):',
    'vm.rebuild.notCurrent.hint':
      'ゲストで最新プログラムを適用し (weborca-install。localEmergency.vm.rebuild.update に記載)、もう一度再構築してください。その間も仮想マシンは動作しています。',
    'vm.rebuild.confirmMismatch': '再構築は確認されませんでした: 「{typed}」は「localEmergency」ではありません',
    'vm.rebuild.confirmMismatch.hint':
      'localEmergency と正確に入力してください (または --confirm-env localEmergency を指定)。',
    'vm.state.running': '起動中',
    'vm.state.off': '停止',
    'vm.state.starting': '起動処理中',
    'vm.state.stopping': '停止処理中',
    'vm.state.saved': '保存状態 (一時停止)',
    'vm.state.paused': '一時停止',
    'vm.state.busy': '処理中',
    'vm.state.failed': '異常',
    'vm.state.unknown': '不明',
    'vm.state.notFound': '見つからない',
    'vm.starting': '仮想マシン「{name}」を起動しています…',
    'vm.alreadyRunning': '仮想マシン「{name}」はすでに起動しています。',
    'vm.waitingWebOrca': 'WebORCA の応答を待っています (最大{seconds}秒)…',
    'vm.started': '仮想マシン「{name}」が起動し、WebORCA が応答しています ({seconds}秒)。',
    'vm.startedAlready': '仮想マシン「{name}」はすでに起動しており、WebORCA が応答しています。',
    'vm.stop.requested': 'ゲストに停止を依頼しています (最大{seconds}秒)…',
    'vm.stop.poweringOff': '電源を切っています…',
    'vm.stop.confirmPowerOff':
      '{elapsed} 秒たっても仮想マシンが停止しません。電源を切りますか? (WebORCA が書き込み前の内容を失うことがあります)',
    'vm.stopped': '仮想マシン「{name}」を停止しました ({seconds}秒)。',
    'vm.poweredOff': '停止の時間切れ後、仮想マシン「{name}」の電源を切りました ({seconds}秒)。',
    'vm.alreadyStopped': '仮想マシン「{name}」は起動していません。',
    'vm.status.vm': '仮想環境',
    'vm.status.snapshot': '現在のスナップショット',
    'vm.status.forwards': 'NAT のポート転送',
    'vm.status.forwardsOk': '設定で使うすべてのポートにあり',
    'vm.status.forwardsMissing': 'ホストのポート {ports} にない',
    'vm.status.webOrca': 'WebORCA',
    'vm.status.webOrcaAnswers': '応答あり',
    'vm.status.webOrcaSilent': '応答なし: {error}',
    'vm.status.elevation': '(Hyper-V: 管理者として実行していない可能性)',
    'vm.plan.title': '仮想マシン「{name}」({provider}) をスナップショット「{snapshot}」へ戻して再構築します:',
    'vm.plan.inspect': '1. 前回の反映 ({since}) 以降に入力された内容がデータベースにあるか確認',
    'vm.plan.inspectStarts':
      '1. 停止中のため起動し、前回の反映 ({since}) 以降に入力された内容がデータベースにあるか確認',
    'vm.plan.never': '記録なし: どの入力も対象',
    'vm.plan.safety': '2. 見つかった場合は先にデータベースのダンプを取得 (安全のため)',
    'vm.plan.safetyAlways': '2. 使用中の環境のため、先にデータベースのダンプを取得 (安全のため)',
    'vm.plan.rest':
      '3. 電源を切り、スナップショットへ戻し (以降の内容はすべて消えます)、起動して WebORCA を待ち、更新手順 {steps} 件を実行し、バージョンを確認し、最新バックアップの反映を提案',
    'vm.plan.typeEnv': '再構築するには localEmergency と入力してください',
    'vm.step.inspect': 'データベースの確認',
    'vm.step.safetyDump': '安全のためのダンプ',
    'vm.step.powerOff': '電源を切る',
    'vm.step.snapshot': 'スナップショットへ戻す',
    'vm.step.start': '起動と WebORCA の応答待ち',
    'vm.step.update': '更新手順',
    'vm.step.updateOne': '更新手順{index}/{count}: {command}',
    'vm.step.verify': 'バージョンの確認 (systeminfv2)',
    'vm.step.restore': '最新バックアップの反映',
    'vm.step.done': '{step}: 完了 ({seconds}秒)',
    'vm.rebuild.interrupted': '失敗までに完了した手順: {steps}。',
    'vm.rebuild.safetyKept':
      '安全のためのダンプ {id} に仮想マシンの内容が残っています。`{tool} restore --target localEmergency --backup {id}` で戻せます。',
    'vm.rebuild.offerRestore': '最新の検証済みバックアップを再構築した仮想マシンへ今すぐ反映しますか?',
    'vm.rebuild.done': '仮想マシン「{name}」を再構築しました。WebORCA は最新です (合計{seconds}秒)。',
    'vm.rebuild.entries': '前回の反映以降の入力: {rows} 行',
    'vm.rebuild.unchecked': '仮想マシンのデータベースは確認していません (--force)。',
    'vm.rebuild.safety': '安全のためのダンプ: {id}',
    'vm.rebuild.version': 'WebORCA {version}: DB 構造・マスタ・プログラムとも最新',
    'vm.rebuild.restored': 'バックアップ {id} を仮想マシンへ反映しました。',
    'vm.rebuild.restoreDeclined':
      'バックアップは反映していません。準備ができたら `{tool} restore --target localEmergency` を実行してください。',
    'vm.rebuild.noBackup': '反映できる検証済みバックアップがまだありません。先に `{tool} sync` を実行してください。',
  },
};
