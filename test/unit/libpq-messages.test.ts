/** The locale settings PostgreSQL's programs get: English messages, the character type kept. */
import { englishMessages } from '../../src/adapters/postgres/libpq-env.js';

test('LC_MESSAGES=C; an LC_ALL that would override it is cleared and its value kept for LC_CTYPE', () => {
  expect(englishMessages({ LANG: 'ja_JP.UTF-8' })).toEqual({ LC_MESSAGES: 'C' });
  expect(englishMessages({ LC_ALL: 'ja_JP.UTF-8', LANGUAGE: 'ja' })).toEqual({
    LC_ALL: '',
    LC_CTYPE: 'ja_JP.UTF-8',
    LC_MESSAGES: 'C',
  });
  expect(englishMessages({ LC_ALL: '' })).toEqual({ LC_MESSAGES: 'C' });
});
