/** What the `lab` commands print: their `--json` documents and their lines for people. */
import type { EnvironmentName } from '../core/domain.js';
import type { Translate } from './i18n.js';
import { quoteForShell, toolCommand } from './invocation.js';
import type { CommandOutcome } from './outcome.js';

/** `lab up`'s report, as far as it is shown. */
export interface LabUpShown {
  dir: string;
  config: string;
  alreadyUp: boolean;
  daemon: { urls: Record<string, string> };
}

export function labUpOutcome(report: LabUpShown, t: Translate): CommandOutcome {
  // Runs as shown: `orca-hybrid` once installed, `node bin/orca-hybrid.js` after the README's set-up.
  const command = `${toolCommand()} --config ${quoteForShell(report.config)} status`;
  const json = {
    dir: report.dir,
    config: report.config,
    alreadyUp: report.alreadyUp,
    urls: report.daemon.urls,
    statusCommand: command,
  };
  const key = report.alreadyUp ? 'lab.up.already' : 'lab.up.done';
  return { json, human: () => [t(key, { dir: report.dir }), t('lab.up.next'), `  ${command}`].join('\n') };
}

/** `lab status`'s report, as far as it is shown. */
export interface LabStatusShown {
  dir: string;
  exists: boolean;
  config: string | null;
  daemon: { pid: number; urls: { operating: string; cloudEmergency: string; localApi: string } } | null;
  clusters: Record<string, { running: boolean; port?: number | null; pid?: number | null }> | null;
  faults: Record<string, unknown> | null;
}

export function labStatusOutcome(report: LabStatusShown, t: Translate): CommandOutcome {
  return { json: report, human: () => renderLabStatus(report, t) };
}

/** An environment's fault knobs, its outage or recovery. */
export function labEnvOutcome(env: EnvironmentName, json: unknown, key: string | null, t: Translate): CommandOutcome {
  const name = t(`env.${env}`);
  return { json, human: () => (key ? t(key, { env: name }) : `${name}: ${JSON.stringify(json)}`) };
}

function renderLabStatus(report: LabStatusShown, t: Translate): string {
  if (!report.exists) return t('lab.status.none', { dir: report.dir });
  const lines = [t('lab.status.dir', { dir: report.dir }), t('lab.status.config', { config: report.config ?? '' })];
  lines.push(
    report.daemon
      ? t('lab.status.daemon', {
          pid: report.daemon.pid,
          operating: report.daemon.urls.operating,
          cloudEmergency: report.daemon.urls.cloudEmergency,
          local: report.daemon.urls.localApi,
        })
      : t('lab.status.daemonDown'),
  );
  for (const [name, c] of Object.entries(report.clusters ?? {})) {
    const params = { name, port: c.port ?? '-', pid: c.pid ?? '-' };
    lines.push(t(c.running ? 'lab.status.cluster' : 'lab.status.clusterDown', params));
  }
  for (const [env, f] of Object.entries(report.faults ?? {})) lines.push(`  ${t(`env.${env}`)}: ${JSON.stringify(f)}`);
  return lines.join('\n');
}
