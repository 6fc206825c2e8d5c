/**
 * What the command line prints that comes from a file (titles, names, ids, error messages that
 * quote them) reaches a terminal, which acts on control characters: an escape sequence in a title
 * could clear the screen, rewrite earlier lines or set the window's title, and a bidi override
 * could show a total backwards. Every line printed goes through `terminalSafe`; JSON through
 * `jsonSafe`. Both show such a character as an escape (`\x1B`, `\u202E`) instead of sending it.
 */

/**
 * C0 controls (newline and tab included: a line printed is one line), DEL, C1 controls, the bidi
 * marks, embeddings, overrides and isolates, and lone UTF-16 surrogates.
 */
const UNSAFE =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** The same, outside JSON strings' own escapes: C0 controls are escaped by JSON.stringify already. */
const UNSAFE_IN_JSON =
  /[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function hex(code: number, digits: number): string {
  return code.toString(16).toUpperCase().padStart(digits, '0');
}

/** One line of text as it may reach a terminal: each unsafe character as `\xHH` or `\uHHHH`. */
export function terminalSafe(line: string): string {
  return line.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${hex(code, 2)}` : `\\u${hex(code, 4)}`;
  });
}

/**
 * JSON text (from JSON.stringify) as it may reach a terminal: the characters JSON leaves as they
 * are (DEL, C1 controls, bidi controls) written as `\uHHHH` escapes, which every JSON reader turns
 * back into the same string. Outside strings JSON has only its own punctuation and whitespace.
 */
export function jsonSafe(json: string): string {
  return json.replace(UNSAFE_IN_JSON, (c) => `\\u${hex(c.charCodeAt(0), 4).toLowerCase()}`);
}
