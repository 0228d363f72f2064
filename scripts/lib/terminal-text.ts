/**
 * What the CLI prints comes from pages, and a page can hold terminal control sequences (an OSC 8
 * hyperlink in `lang`, `ESC[8m` in `rel`). Text output loses every C0/C1 control character and
 * the escape sequences they start: each becomes U+FFFD, so a stripped `rel="nofollow ESC[8m"` does
 * not print as a plain `nofollow` it is not. JSON output keeps the data and escapes those characters.
 */

/** OSC (ESC ] or U+009D … BEL / ST; unterminated, only its introducer goes), CSI (ESC [ or U+009B … final byte), other two-character ESC sequences. */
const SEQUENCES = /(?:\x1b\]|\x9d)[^\x07\x1b\x9c]{0,2048}(?:\x07|\x1b\\|\x9c)|(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?|\x1b[\x20-\x7e]?/g;
/** C0 controls, DEL and C1 controls. */
const CONTROLS = /[\x00-\x1f\x7f-\x9f]/g;

/** One line of terminal text: whitespace controls become spaces, other controls and the sequences they start U+FFFD. */
export function printable(text: string): string {
  return text.replace(/[\t\n\r\v\f]/g, ' ').replace(SEQUENCES, '\uFFFD').replace(CONTROLS, '\uFFFD');
}

/** Several lines: each made printable, the line breaks kept. */
export function printableLines(text: string): string {
  return text.split('\n').map(printable).join('\n');
}

/** JSON text in which no control character appears raw (JSON.stringify leaves DEL and C1 as they are). */
export function safeJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(/[\x7f-\x9f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
