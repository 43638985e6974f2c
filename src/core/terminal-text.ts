/**
 * Text from outside — a server's version, clinic name or error message, a state or journal file, a child's
 * stderr — may carry terminal controls: an escape sequence can move the cursor and overwrite what was
 * printed, retitle the window, write the clipboard or hide text; a carriage return can print over a line.
 * One sanitizer, applied where text reaches a person (`ui/output.ts`, the translator's values, the run
 * log): escape sequences (7-bit and 8-bit forms) removed whole, every other C0/C1 control and DEL removed,
 * and the bidirectional overrides that reorder what is shown; line feeds and tabs kept.
 */

/**
 * CSI (cursor, erase, colours), OSC (title, clipboard, hyperlinks), DCS/SOS/PM/APC strings (to their end, at
 * most to the line's), 2-byte forms.
 */
const ESCAPE_SEQUENCE =
  /\x1b(?:\[[0-?]*[ -/]*[@-~]?|\][^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?|[PX^_][^\x1b\x9c\n]*(?:\x1b\\|\x9c)?|[ -/]*[0-~]?)|\x9b[0-?]*[ -/]*[@-~]?|[\x9d\x90\x98\x9e\x9f][^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?/g;
/** What is left: C0 but tab and line feed, DEL, C1, and the bidi embedding/override/isolate controls. */
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g;
/** Our own colours (chalk: bold, dim and their reset, red/green/yellow and the colour reset, full reset). */
const OWN_STYLE = /\x1b\[(?:0|1|2|22|31|32|33|39)m/g;
const STYLE_MARK = '\u{F0000}';

/** `text` without terminal controls; line feeds and tabs stay (a CR-LF line end becomes LF). */
export function terminalText(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(ESCAPE_SEQUENCE, '').replace(CONTROL, '');
}

/**
 * `terminalText` for a rendering in colour: the colour sequences the renderers emit survive, nothing else.
 * (A value can still carry those few colours, never anything that moves, hides or rewrites text.)
 */
export function terminalTextKeepingStyles(text: string): string {
  const styles: string[] = [];
  const marked = text.replace(/\u{F0000}/gu, '').replace(OWN_STYLE, (style) => {
    styles.push(style);
    return STYLE_MARK;
  });
  let next = 0;
  return terminalText(marked).replace(/\u{F0000}/gu, () => styles[next++] ?? '');
}

/** One value inside a line (a server's clinic name, a message in a table cell): line breaks become spaces. */
export function terminalValue(value: string): string {
  return terminalText(value).replace(/[\n\t]+/g, ' ');
}
