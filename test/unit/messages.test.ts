import { AREAS, CATALOG } from '../../src/ui/messages/index.js';
import { chooseLanguage, translator } from '../../src/ui/i18n.js';

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

describe('message catalog', () => {
  test.each(Object.entries(AREAS))('area %s has the same keys and placeholders in ja and en', (_name, area) => {
    expect(Object.keys(area.ja).sort()).toEqual(Object.keys(area.en).sort());
    for (const key of Object.keys(area.en)) {
      expect([key, placeholders(area.ja[key] ?? '')]).toEqual([key, placeholders(area.en[key]!)]);
    }
  });

  test('no key is defined by two areas', () => {
    const seen = new Map<string, string>();
    for (const [name, area] of Object.entries(AREAS)) {
      for (const key of Object.keys(area.en)) {
        expect([key, seen.get(key)]).toEqual([key, undefined]);
        seen.set(key, name);
      }
    }
  });

  test('uses the manual terms in Japanese', () => {
    expect(CATALOG.ja['env.cloudEmergency']).toBe('クラウド応急措置環境');
    expect(CATALOG.ja['mode.recovery']).toBe('復旧措置モード');
  });

  // Placeholders that render Japanese words or numbers sit on the text around them (運用環境は, 0分前); ASCII
  // identifiers (ids, paths, commands) keep a blank on each side.
  const JAPANESE_OR_NUMBER = [
    'env',
    'envs',
    'source',
    'platform',
    'mode',
    'jobs',
    'upload',
    'reason',
    'age',
    'outcome',
    'n',
    'count',
    'index',
    'failed',
    'pruned',
    'seconds',
    'margin',
    'percent',
    'attempts',
    'visits',
    'clusters',
    'duration',
    'size',
    'bytes',
    'createdAt',
    'startedAt',
    'readAt',
    'refreshedAt',
    'endedAt',
  ];
  const kana = '[\\u3040-\\u30ff\\u3400-\\u9fffー々]';
  test.each(Object.entries(AREAS))(
    'area %s: no blank between a Japanese term or number and its particle',
    (_n, area) => {
      const names = JAPANESE_OR_NUMBER.join('|');
      const stray = new RegExp(`\\{(${names})\\} (?=${kana})|${kana} \\{(${names})\\}`, 'u');
      for (const [key, text] of Object.entries(area.ja)) expect([key, stray.test(text)]).toEqual([key, false]);
    },
  );

  test('sync outcomes, modes and VM states have Japanese words', () => {
    const japanese = /[\u3040-\u30ff\u4e00-\u9fff]/u;
    for (const key of [
      'sync.outcome.downloaded',
      'sync.outcome.upToDate',
      'sync.outcome.failed',
      'mode.normal',
      'mode.emergency',
      'vm.state.running',
      'vm.state.off',
      'vm.state.notFound',
    ])
      expect([key, japanese.test(CATALOG.ja[key] ?? '')]).toEqual([key, true]);
    const t = translator('ja');
    expect(t('time.ago.minutes', { n: 0 })).toBe('0分前');
    expect(t('status.backupLine', { id: 'x', env: t('env.operating'), createdAt: new Date().toISOString() })).toMatch(
      /^x \(運用環境、\d{4}-\d{2}-\d{2} \d{2}:\d{2} \(\d+秒前\)作成\)$/,
    );
  });
});

describe('language choice', () => {
  test('flag beats config beats locale', () => {
    expect(chooseLanguage('en', 'ja', { LANG: 'ja_JP.UTF-8' })).toBe('en');
    expect(chooseLanguage(undefined, 'ja', { LANG: 'en_US.UTF-8' })).toBe('ja');
    expect(chooseLanguage(undefined, undefined, { LANG: 'ja_JP.UTF-8' })).toBe('ja');
    expect(chooseLanguage(undefined, undefined, { LC_ALL: 'C', LANG: 'ja_JP.UTF-8' })).toBe('en');
    expect(chooseLanguage(undefined, undefined, {})).toBe('en');
  });

  test('interpolates placeholders and falls back to the key', () => {
    const t = translator('en');
    expect(t('error.unexpected', { message: 'boom' })).toBe('Unexpected error: boom');
    expect(t('no.such.key')).toBe('no.such.key');
  });

  test('every {…At} instant is shown as local time and age; {tool} is how this tool runs here', () => {
    const t = translator('en');
    const at = new Date(Date.now() - 5 * 60_000);
    const local = `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')}`;
    expect(t('restore.chosen', { id: 'b1', source: 's', createdAt: at.toISOString() })).toMatch(
      new RegExp(`created ${local} \\d{2}:\\d{2} \\(5 min ago\\)$`),
    );
    expect(t('restore.chosen', { id: 'b1', source: 's', createdAt: 'not a time' })).toContain('created not a time');
    expect(t('backups.verify.notFound.hint')).toMatch(
      /^List the catalog with `(orca-hybrid|node \S*orca-hybrid\.js) backups list`\.$/,
    );
  });
});
