/** Locating VBoxManage/powershell.exe on Windows, macOS and Linux, and reading VBoxManage's output. */
import { describe, expect, it } from '@jest/globals';
import { ConfigError } from '../../src/core/errors.js';
import { installCandidates, locateTool } from '../../src/adapters/vm/locate-tool.js';
import {
  parseForwards,
  parseMachineReadable,
  parseSnapshotNames,
  powerOfVmState,
  startSucceeded,
  vboxErrorLines,
  vboxFailed,
} from '../../src/adapters/vm/vbox-output.js';

const host = (platform: NodeJS.Platform, env: NodeJS.ProcessEnv, present: string[]) => ({
  platform,
  env,
  isExecutable: (path: string) => present.includes(path),
});

describe('locateTool', () => {
  it('Windows: VBoxManage.exe on PATH first, then the installer folder, then Program Files', () => {
    const env = {
      Path: 'C:\\Windows\\system32;"C:\\Tools"',
      VBOX_MSI_INSTALL_PATH: 'D:\\VirtualBox\\',
      ProgramFiles: 'C:\\Program Files',
    };
    expect(installCandidates('vboxmanage', { platform: 'win32', env })).toEqual([
      'D:\\VirtualBox\\VBoxManage.exe',
      'C:\\Program Files\\Oracle\\VirtualBox\\VBoxManage.exe',
    ]);
    expect(
      locateTool(
        'vboxmanage',
        undefined,
        host('win32', env, ['C:\\Tools\\VBoxManage.exe', 'D:\\VirtualBox\\VBoxManage.exe']),
      ),
    ).toBe('C:\\Tools\\VBoxManage.exe');
    expect(
      locateTool(
        'vboxmanage',
        undefined,
        host('win32', env, ['C:\\Program Files\\Oracle\\VirtualBox\\VBoxManage.exe']),
      ),
    ).toBe('C:\\Program Files\\Oracle\\VirtualBox\\VBoxManage.exe');
  });

  it('Windows: powershell.exe from the PATH or System32', () => {
    const env = { PATH: 'C:\\x', SystemRoot: 'C:\\WINDOWS' };
    const system = 'C:\\WINDOWS\\System32\\WindowsPowerShell\\v1.0\\powershell.exe';
    expect(locateTool('powershell', undefined, host('win32', env, [system]))).toBe(system);
  });

  it('macOS: inside VirtualBox.app when not on the PATH', () => {
    const app = '/Applications/VirtualBox.app/Contents/MacOS/VBoxManage';
    expect(locateTool('vboxmanage', undefined, host('darwin', { PATH: '/usr/bin:/bin' }, [app]))).toBe(app);
    expect(
      locateTool('vboxmanage', undefined, host('darwin', { PATH: '/opt/vb:/usr/bin' }, ['/opt/vb/VBoxManage', app])),
    ).toBe('/opt/vb/VBoxManage');
  });

  it('the configured path wins, and must exist', () => {
    expect(locateTool('vboxmanage', 'E:\\VB\\VBoxManage.exe', host('win32', {}, ['E:\\VB\\VBoxManage.exe']))).toBe(
      'E:\\VB\\VBoxManage.exe',
    );
    const error = (() => {
      try {
        return locateTool(
          'vboxmanage',
          '/nope/VBoxManage',
          host('linux', { PATH: '/usr/bin' }, ['/usr/bin/VBoxManage']),
        );
      } catch (e) {
        return e;
      }
    })();
    expect((error as ConfigError).key).toBe('vm.tool.configuredMissing');
  });

  it('nowhere: a configuration error listing the install folders looked at', () => {
    try {
      locateTool('vboxmanage', undefined, host('linux', { PATH: '/usr/bin' }, []));
      throw new Error('expected a throw');
    } catch (error) {
      expect((error as ConfigError).key).toBe('vm.tool.missing');
      expect((error as ConfigError).details).toEqual(['/usr/bin/VBoxManage', '/usr/lib/virtualbox/VBoxManage']);
    }
  });
});

describe('VBoxManage output', () => {
  it('failure is a non-zero exit or an error line, whatever the exit code', () => {
    expect(vboxFailed({ exitCode: 0, stdout: '', stderr: '' })).toBe(false);
    expect(vboxFailed({ exitCode: 1, stdout: '', stderr: '' })).toBe(true);
    const errorLine = {
      exitCode: 0,
      stdout: '',
      stderr: 'VBoxManage.exe: error: Nope\nVBoxManage.exe: error: Details: x',
    };
    expect(vboxFailed(errorLine)).toBe(true);
    expect(vboxErrorLines(errorLine)).toEqual(['Nope', 'Details: x']);
  });

  it('startvm: the success line counts even with exit 1', () => {
    const run = {
      exitCode: 1,
      stdout: 'Waiting for VM "a b" to power on...\nVM "a b" has been successfully started.\n',
      stderr: '',
    };
    expect(startSucceeded(run)).toBe(true);
    expect(startSucceeded({ ...run, stdout: 'Waiting for VM "a b" to power on...\n' })).toBe(false);
  });

  it('maps VMState words; unknown words stay unknown', () => {
    expect(
      ['running', 'poweroff', 'saved', 'aborted-saved', 'restoringsnapshot', 'gurumeditation', 'new7x'].map(
        powerOfVmState,
      ),
    ).toEqual(['running', 'off', 'saved', 'saved', 'busy', 'failed', 'unknown']);
  });

  it('reads forwards and snapshots; skips malformed rules', () => {
    const info = parseMachineReadable(
      'name="vm"\r\nForwarding(0)="pg,tcp,127.0.0.1,15432,,5432"\r\nForwarding(1)="bad"\r\n"SATA-0-0"="disk.vdi"\r\n',
    );
    expect(info['SATA-0-0']).toBe('disk.vdi');
    expect(parseForwards(info)).toEqual([
      { name: 'pg', protocol: 'tcp', hostIp: '127.0.0.1', hostPort: 15432, guestIp: '', guestPort: 5432 },
    ]);
    expect(
      parseSnapshotNames({
        exitCode: 0,
        stderr: '',
        stdout: 'SnapshotName="a"\nSnapshotUUID="1"\nSnapshotName-1="b c"\nCurrentSnapshotName="b c"\n',
      }),
    ).toEqual(['a', 'b c']);
  });
});
