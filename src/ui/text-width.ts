/**
 * Terminal cells a string takes: East Asian wide and fullwidth characters (漢字, かな, ＡＢＣ) take two, ANSI
 * colour sequences none. Enough for laying out the tool's own tables and blocks; not a full Unicode
 * width table (no emoji sequences appear in them).
 */
const ANSI = /\x1b\[[0-9;]*m/g;

function wide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0x303e) ||
    (code >= 0x3041 && code <= 0x33ff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0xa000 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x20000 && code <= 0x3fffd)
  );
}

export function displayWidth(text: string): number {
  let cells = 0;
  for (const ch of text.replace(ANSI, '')) cells += wide(ch.codePointAt(0)!) ? 2 : 1;
  return cells;
}

/** The widest line of `text`. */
export function widestLine(text: string): number {
  return Math.max(0, ...text.split('\n').map(displayWidth));
}

/** `text` cut to `cells` (ending in `…` when cut). */
export function truncateTo(text: string, cells: number): string {
  if (displayWidth(text) <= cells) return text;
  let out = '';
  let used = 0;
  for (const ch of text.replace(ANSI, '')) {
    const w = wide(ch.codePointAt(0)!) ? 2 : 1;
    if (used + w > cells - 1) break;
    out += ch;
    used += w;
  }
  return out + '…';
}

/**
 * Joins `items` with `separator` into lines of at most `cells`, the first line after `indent`, the others
 * after as many blanks; breaks only between items (an item wider than a line stands alone).
 */
export function wrapItems(items: readonly string[], separator: string, cells: number, indent: string): string[] {
  const lines: string[] = [];
  const blank = ' '.repeat(displayWidth(indent));
  let line = '';
  for (const item of items) {
    const next = line === '' ? item : `${line}${separator}${item}`;
    const lead = lines.length === 0 ? indent : blank;
    if (line !== '' && displayWidth(lead + next) > cells) {
      lines.push(lead + line);
      line = item;
    } else line = next;
  }
  if (line !== '') lines.push((lines.length === 0 ? indent : blank) + line);
  return lines;
}

/**
 * Wraps `text` to lines of at most `cells`: between words where there are blanks, anywhere in Japanese
 * (which has none); continuation lines start with `indent`.
 */
export function wrapText(text: string, cells: number, indent = ''): string[] {
  if (!Number.isFinite(cells) || displayWidth(text) <= cells) return [text];
  const lines: string[] = [];
  let line = '';
  let used = 0;
  const push = () => {
    lines.push(line.trimEnd());
    line = indent;
    used = displayWidth(indent);
  };
  // A break after each blank, except between a date and its time ("2026-09-06 01:10" stays on one line).
  for (const token of text.split(/(?<= )(?<!\d{4}-\d\d-\d\d )/)) {
    const w = displayWidth(token.trimEnd());
    if (used + w <= cells) {
      line += token;
      used += displayWidth(token);
      continue;
    }
    if (w <= cells - displayWidth(indent) && used > displayWidth(indent)) {
      push();
      line += token;
      used += displayWidth(token);
      continue;
    }
    for (const ch of token) {
      const cw = displayWidth(ch);
      if (used + cw > cells) push();
      line += ch;
      used += cw;
    }
  }
  if (line.trim() !== '') lines.push(line.trimEnd());
  return lines;
}
