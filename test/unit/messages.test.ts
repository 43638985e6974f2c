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
});
