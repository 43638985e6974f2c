import { formatJournalLine, parseJournalText, parseSince, type JournalEntry } from '../../src/core/journal.js';

const entry = (time: string, command = 'select'): JournalEntry => ({
  time,
  user: 'staff',
  host: 'PC-01',
  pid: 4242,
  command,
  args: [command, 'local'],
  before: { selectedEmergency: 'cloud' },
  after: { selectedEmergency: 'local' },
  outcome: 'ok',
  exitCode: 0,
  durationMs: 12,
});

describe('journal text', () => {
  test('lines round-trip; a line never contains a raw newline', () => {
    const odd = { ...entry('2026-11-25T01:00:00.000Z'), args: ['select', 'line\nbreak'] };
    const line = formatJournalLine(odd);
    expect(line.indexOf('\n')).toBe(line.length - 1);
    expect(parseJournalText(line).entries).toEqual([odd]);
  });

  test('a torn last line is skipped and reported, the rest is read', () => {
    const text =
      formatJournalLine(entry('2026-11-25T01:00:00.000Z')) +
      formatJournalLine(entry('2026-11-25T02:00:00.000Z')) +
      '{"time":"2026-11-25T03:';
    const reading = parseJournalText(text);
    expect(reading.entries).toHaveLength(2);
    expect(reading.problems).toEqual([{ line: 3, kind: 'torn' }]);
  });

  test('an unreadable line in the middle is skipped as invalid; a complete last line without newline is kept', () => {
    const text =
      formatJournalLine(entry('2026-11-25T01:00:00.000Z')) +
      '{"broken"\n' +
      '{"time":"x"}\n' +
      formatJournalLine(entry('2026-11-25T02:00:00.000Z')).trimEnd();
    const reading = parseJournalText(text);
    expect(reading.entries.map((e) => e.time)).toEqual(['2026-11-25T01:00:00.000Z', '2026-11-25T02:00:00.000Z']);
    expect(reading.problems).toEqual([
      { line: 2, kind: 'invalid' },
      { line: 3, kind: 'invalid' },
    ]);
  });

  test('since keeps entries at or after the time', () => {
    const text = ['01', '02', '03'].map((h) => formatJournalLine(entry(`2026-11-25T${h}:00:00.000Z`))).join('');
    const reading = parseJournalText(text, { since: new Date('2026-11-25T02:00:00.000Z') });
    expect(reading.entries.map((e) => e.time)).toEqual(['2026-11-25T02:00:00.000Z', '2026-11-25T03:00:00.000Z']);
  });
});

describe('parseSince', () => {
  const now = new Date('2026-11-25T12:00:00.000Z');

  test('reads ages', () => {
    expect(parseSince('30m', now)?.toISOString()).toBe('2026-11-25T11:30:00.000Z');
    expect(parseSince('24h', now)?.toISOString()).toBe('2026-11-24T12:00:00.000Z');
    expect(parseSince('7d', now)?.toISOString()).toBe('2026-11-18T12:00:00.000Z');
  });

  test('ages take the duration syntax of every other option', () => {
    expect(parseSince('30s', now)?.toISOString()).toBe('2026-11-25T11:59:30.000Z');
    expect(parseSince('1h30m', now)?.toISOString()).toBe('2026-11-25T10:30:00.000Z');
    expect(parseSince('400d', now)?.toISOString()).toBe('2025-10-21T12:00:00.000Z');
  });

  test('a date means local midnight; date-times with and without zones', () => {
    expect(parseSince('2026-11-20', now)?.getTime()).toBe(new Date(2026, 10, 20).getTime());
    expect(parseSince('2026-11-20T10:00:00Z', now)?.toISOString()).toBe('2026-11-20T10:00:00.000Z');
    expect(parseSince('2026-11-20 10:00', now)?.getTime()).toBe(new Date(2026, 10, 20, 10, 0).getTime());
  });

  test.each(['yesterday', '', '2026-02-30', '2026-13-01', '10', '5w', '2026-11-20T99:00'])('rejects %p', (text) => {
    expect(parseSince(text, now)).toBeNull();
  });
});
