/** The terminal progress bar and the one-line summary of `sync`. */
import { PassThrough } from 'node:stream';
import type { CatalogEntry } from '../../src/core/backup-catalog.js';
import { createProgressDisplay } from '../../src/ui/transfer-progress.js';
import { renderStillNewest, renderSyncSummary } from '../../src/ui/sync-summary.js';
import { translator } from '../../src/ui/i18n.js';

function capture(tty = true): { stream: PassThrough; text: () => string } {
  // A terminal is what cli-progress draws on: a stream that says it is one, with a width.
  const stream = Object.assign(new PassThrough(), { isTTY: tty, columns: 100 });
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

test('on a terminal: bytes, percentage, rate and ETA, cleared at the end', () => {
  const { stream, text } = capture();
  const bar = createProgressDisplay(stream, 'download', true);
  bar.update({ bytes: 0, total: 100 * 1024 * 1024 });
  bar.update({ bytes: 50 * 1024 * 1024, total: 100 * 1024 * 1024 });
  bar.update({ bytes: 100 * 1024 * 1024, total: 100 * 1024 * 1024 });
  bar.stop();
  expect(text()).toMatch(/download \[#{24}\] 100% 100 MiB \/ 100 MiB [\d.]+ [KMG]?i?B\/s ETA /);
  // Cleared for the summary line that follows: the last thing written erases the line.
  expect(text()).toMatch(/\x1b\[2K$|\x1b\[0K$|\x1b\[K$/);
});

test('not on a terminal: nothing at all', () => {
  const { stream, text } = capture(false);
  const bar = createProgressDisplay(stream, 'download', false);
  bar.update({ bytes: 5, total: 10 });
  bar.stop();
  expect(text()).toBe('');
});

const entry: CatalogEntry = {
  id: '20260906T011028Z-nightly',
  source: 'operating',
  createdAt: '2026-09-06T01:10:28Z',
  size: 3 * 1024 * 1024,
  sha256: 'a'.repeat(64),
  verified: true,
  verifiedAt: null,
  archiveVersion: '1.14-0',
  dumpedFrom: null,
  dumpedBy: null,
  tocEntries: 3,
  dumpPath: '/x.dump',
};

test('one summary line names the backup, its age, the upload and the retention', () => {
  const report = {
    outcome: 'downloaded' as const,
    backup: entry,
    ageSeconds: 3 * 3600,
    upload: 'stored' as const,
    uploadError: null,
    pruned: ['old'],
    transfer: {
      resumedFrom: 1024 * 1024,
      bytesReceived: 2 * 1024 * 1024,
      attempts: 1,
      restarted: false,
      seconds: 1.25,
      cpuSeconds: 0.4,
    },
  };
  const en = renderSyncSummary(report, translator('en'));
  expect(en.split('\n')).toHaveLength(1);
  expect(en).toMatch(
    /^sync: downloaded and verified 20260906T011028Z-nightly from the operating environment \(3 MiB, created \d{4}-\d{2}-\d{2} \d{2}:\d{2} \(\d+ days ago\)\) in 1\.3 s; uploaded to the cloud emergency environment; 1 old backup\(s\) removed\. \(resumed an interrupted download at 1 MiB\)$/,
  );
  expect(renderSyncSummary(report, translator('ja'))).toContain('運用環境のバックアップ');
  expect(renderStillNewest(null, new Date(), translator('en'))).toContain('no verified backup');
});
