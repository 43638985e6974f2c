/**
 * Writes the fleet metrics as a node_exporter textfile-collector file: the text exposition format produced
 * by prom-client's registry (never written by hand), replaced atomically (`atomic-write.ts`: an exclusive
 * temporary file in the same folder, fsync, rename) so the collector never reads half a file. Mode 0644: the
 * collector usually runs as another user, and the file holds counts, modes and times — no patient data, no
 * secret.
 */
import type { MetricFamily } from '../../core/fleet-metrics.js';
import { UsageError } from '../../core/errors.js';
import { replaceFileAtomically } from './atomic-write.js';

/** The text exposition format of `families` (one gauge a family), through a registry of its own. */
export async function renderTextfile(families: readonly MetricFamily[]): Promise<string> {
  const { Gauge, Registry } = await import('prom-client');
  const registry = new Registry();
  // A family without samples is left out entirely: prom-client would print 0 for a label-less gauge never set,
  // and "no backup yet" must read as absent, not as a backup from 1970.
  for (const family of families.filter((f) => f.samples.length > 0)) {
    const gauge = new Gauge({
      name: family.name,
      help: family.help,
      labelNames: family.labelNames,
      registers: [registry],
    });
    for (const sample of family.samples) gauge.set(sample.labels, sample.value);
  }
  return registry.metrics();
}

/** Renders and writes `file` atomically; the collector reads only files ending in `.prom`. */
export async function writeTextfile(file: string, families: readonly MetricFamily[]): Promise<void> {
  if (!file.endsWith('.prom'))
    throw new UsageError({
      key: 'status.prometheus.extension',
      params: { file },
      hintKey: 'status.prometheus.extension.hint',
    });
  const text = await renderTextfile(families);
  try {
    // The temporary name starts with a dot (the collector reads only `*.prom`) and is created exclusive; the
    // rename replaces a link planted at `file` instead of writing through it (docs/security.md).
    await replaceFileAtomically(file, text, { mode: 0o644 });
  } catch (error) {
    throw new UsageError({
      key: 'status.prometheus.writeFailed',
      params: { file, code: (error as NodeJS.ErrnoException).code ?? String(error) },
      hintKey: 'status.prometheus.writeFailed.hint',
      cause: error,
    });
  }
}
