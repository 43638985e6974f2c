/**
 * The environment a child process gets: only what programs need to start and run on each platform — the
 * search path, the account's folders, locale and time zone, temporary folders, the shared-library path, the
 * agents ssh and `systemctl --user` talk to, Windows' system folders — plus what the caller passes
 * explicitly. Nothing else is inherited: not the `ORCA_HYBRID_*` secrets of the configuration, not a
 * PGPASSWORD or PGSERVICE set in the shell (PostgreSQL's programs get their settings from the caller only).
 */

/** Inherited by name (Windows names compare case-insensitively, as Windows does). */
const KEEP = new Set(
  [
    // every platform
    'PATH',
    'HOME',
    'USER',
    'LOGNAME',
    'LANG',
    'LANGUAGE',
    'TZ',
    'TMPDIR',
    'TERM',
    // Linux, macOS: shared libraries of PostgreSQL installed outside the system folders
    'LD_LIBRARY_PATH',
    'DYLD_LIBRARY_PATH',
    // ssh (the VM's guest) and `systemctl --user`, `launchctl` (the scheduler)
    'SSH_AUTH_SOCK',
    'XDG_RUNTIME_DIR',
    'DBUS_SESSION_BUS_ADDRESS',
    'XDG_CONFIG_HOME',
    // VirtualBox keeps its VMs' registry here when set
    'VBOX_USER_HOME',
    'VBOX_INSTALL_PATH',
    'VBOX_MSI_INSTALL_PATH',
    // Windows: what its programs and PowerShell need to start
    'SYSTEMROOT',
    'WINDIR',
    'SYSTEMDRIVE',
    'COMSPEC',
    'PATHEXT',
    'TEMP',
    'TMP',
    'USERPROFILE',
    'USERNAME',
    'USERDOMAIN',
    'HOMEDRIVE',
    'HOMEPATH',
    'APPDATA',
    'LOCALAPPDATA',
    'PROGRAMDATA',
    'PROGRAMFILES',
    'PROGRAMFILES(X86)',
    'PROGRAMW6432',
    'COMMONPROGRAMFILES',
    'COMMONPROGRAMFILES(X86)',
    'PSMODULEPATH',
    'NUMBER_OF_PROCESSORS',
    'PROCESSOR_ARCHITECTURE',
    'OS',
    'COMPUTERNAME',
  ].map((name) => name.toUpperCase()),
);

/** The locale categories (`LC_ALL`, `LC_MESSAGES`, …): messages and encodings the programs use. */
const LOCALE = /^LC_[A-Z]+$/;

/** `inherited` reduced to what children need, with `extra` (the caller's own settings) on top. */
export function childEnvironment(
  inherited: NodeJS.ProcessEnv,
  extra: Record<string, string> = {},
  platform: NodeJS.Platform = process.platform,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(inherited)) {
    if (value === undefined) continue;
    const key = platform === 'win32' ? name.toUpperCase() : name;
    if (KEEP.has(key) || LOCALE.test(key)) env[name] = value;
  }
  return { ...env, ...extra };
}
