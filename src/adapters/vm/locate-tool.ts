/**
 * Where the hypervisor's program lives: the configured path (`localEmergency.vm.executable`), else the
 * PATH, else the folders the installers use — VirtualBox's Windows installer records its folder in
 * `VBOX_MSI_INSTALL_PATH`; on macOS the program sits inside `VirtualBox.app`. Windows names end in `.exe`.
 */
import { posix, win32 } from 'node:path';
import { ConfigError } from '../../core/errors.js';
import { isExecutable } from '../process/run.js';

export type VmTool = 'vboxmanage' | 'powershell';

export interface ToolHost {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  /** Whether an executable file exists at this absolute path. */
  isExecutable(path: string): boolean;
}

export const defaultToolHost = (): ToolHost => ({ platform: process.platform, env: process.env, isExecutable });

/** The program's file name on this platform. */
export function toolFileName(tool: VmTool, platform: NodeJS.Platform): string {
  if (tool === 'powershell') return 'powershell.exe';
  return platform === 'win32' ? 'VBoxManage.exe' : 'VBoxManage';
}

/** Standard install folders, in the order they are tried after the PATH. */
export function installCandidates(tool: VmTool, host: Pick<ToolHost, 'platform' | 'env'>): string[] {
  const { platform, env } = host;
  if (platform === 'win32') {
    const file = toolFileName(tool, platform);
    if (tool === 'powershell') {
      const root = env.SystemRoot ?? env.windir ?? 'C:\\Windows';
      return [win32.join(root, 'System32', 'WindowsPowerShell', 'v1.0', file)];
    }
    const folders = [
      env.VBOX_MSI_INSTALL_PATH,
      env.VBOX_INSTALL_PATH,
      env.ProgramFiles && win32.join(env.ProgramFiles, 'Oracle', 'VirtualBox'),
      'C:\\Program Files\\Oracle\\VirtualBox',
    ];
    return unique(folders.filter((f): f is string => Boolean(f)).map((folder) => win32.join(folder, file)));
  }
  if (tool === 'powershell') return [];
  if (platform === 'darwin') {
    return ['/Applications/VirtualBox.app/Contents/MacOS/VBoxManage', '/usr/local/bin/VBoxManage'];
  }
  return ['/usr/bin/VBoxManage', '/usr/lib/virtualbox/VBoxManage'];
}

/**
 * The absolute path to run. ConfigError `vm.tool.missing` (exit 2) listing every place looked at when
 * the program is nowhere, or `vm.tool.configuredMissing` when the configured path is not an executable.
 */
export function locateTool(tool: VmTool, configured: string | undefined, host: ToolHost = defaultToolHost()): string {
  if (configured !== undefined) {
    if (host.isExecutable(configured)) return configured;
    throw new ConfigError({
      key: 'vm.tool.configuredMissing',
      params: { path: configured },
      hintKey: 'vm.tool.configuredMissing.hint',
    });
  }
  const path = host.platform === 'win32' ? win32 : posix;
  const separator = host.platform === 'win32' ? ';' : ':';
  const file = toolFileName(tool, host.platform);
  const onPath = (host.env.PATH ?? host.env.Path ?? '')
    .split(separator)
    .filter((dir) => dir !== '')
    .map((dir) => path.join(dir.replace(/^"(.*)"$/, '$1'), file));
  const candidates = [...onPath, ...installCandidates(tool, host)];
  const found = candidates.find((candidate) => host.isExecutable(candidate));
  if (found !== undefined) return found;
  throw new ConfigError({
    key: 'vm.tool.missing',
    params: { tool: file },
    details: installCandidates(tool, host),
    hintKey: tool === 'powershell' ? 'vm.tool.missing.hint.powershell' : 'vm.tool.missing.hint.vboxmanage',
  });
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}
