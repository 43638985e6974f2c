/**
 * The small PowerShell scripts behind the Hyper-V adapter, each wrapped as Vagrant's are: errors stop
 * the script (`$ErrorActionPreference='Stop'`), a failure is written with `Write-Error` and exit 1, and
 * success prints exactly one JSON line. The VM and snapshot names arrive in environment variables, never
 * inside the script text, so no name can change what the script does. The text travels as
 * `-EncodedCommand` (base64 of UTF-16LE): Windows command-line quoting cannot mangle it.
 */

/** Environment variables the scripts read. */
export const HYPERV_ENV = { vm: 'ORCA_HYBRID_VM_NAME', snapshot: 'ORCA_HYBRID_VM_SNAPSHOT' } as const;

const prelude = [
  "$ErrorActionPreference = 'Stop'",
  '$ProgressPreference = "SilentlyContinue"',
  `$n = [WildcardPattern]::Escape($env:${HYPERV_ENV.vm})`,
  `$s = $env:${HYPERV_ENV.snapshot}`,
];

function wrap(action: string, body: string[]): string {
  return [
    ...prelude,
    'try {',
    ...body.map((line) => `  ${line}`),
    '} catch {',
    `  Write-Error "Failed to ${action}: $($PSItem)"`,
    '  exit 1',
    '}',
  ].join('\n');
}

/**
 * `state`: the enum as a number (what Windows PowerShell 5.1's ConvertTo-Json writes) and its name
 * (stringified as Vagrant's get_vm_status.ps1 does); the adapter understands either.
 */
export const HYPERV_SCRIPTS = {
  state: wrap('read the VM state', [
    '$vm = Get-VM -Name $n',
    '$out = [ordered]@{ name = $vm.Name; state = $vm.State; stateName = "$($vm.State)"; snapshot = "$($vm.ParentSnapshotName)" }',
    '$out | ConvertTo-Json -Compress',
  ]),
  start: wrap('start the VM', ['Start-VM -Name $n', '\'{"done":true}\'']),
  shutdown: wrap('shut the VM down', ['Stop-VM -Name $n -Force', '\'{"done":true}\'']),
  turnOff: wrap('turn the VM off', ['Stop-VM -Name $n -TurnOff -Force', '\'{"done":true}\'']),
  snapshots: wrap('list the snapshots', [
    '$names = @(Get-VMSnapshot -VMName $n | ForEach-Object { "$($_.Name)" })',
    'ConvertTo-Json -InputObject $names -Compress',
  ]),
  restore: wrap('restore the snapshot', [
    '$snap = Get-VMSnapshot -VMName $n | Where-Object { $_.Name -eq $s }',
    'if (-not $snap) { \'{"done":false}\'; exit 0 }',
    '$snap | Restore-VMSnapshot -Confirm:$false',
    '\'{"done":true}\'',
  ]),
} as const;
export type HyperVOperation = keyof typeof HYPERV_SCRIPTS;

/** `powershell.exe` arguments for one script. */
export function powershellArgs(script: string): string[] {
  return [
    '-NoProfile',
    '-NonInteractive',
    '-ExecutionPolicy',
    'Bypass',
    '-EncodedCommand',
    Buffer.from(script, 'utf16le').toString('base64'),
  ];
}
