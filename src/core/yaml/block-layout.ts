/**
 * What the two fast readers of the block YAML our writer produces (stringify.ts) share: the
 * import's reader with positions (block-source.ts) and the strict self-check's reader of emitted
 * Kubeflow YAML (check/yaml-block-reader.ts). The characters and patterns of that layout, and the
 * walk over its lines. Anything outside the layout throws `notInLayout`, and the caller reads the
 * text with the `yaml` package instead.
 */

class NotInLayout extends Error {}
export const notInLayout = new NotInLayout();

export const NEWLINE = 10;
export const SPACE = 32;
export const DASH = 45;
export const COLON = 58;
export const DOUBLE_QUOTE = 34;
export const SINGLE_QUOTE = 39;
export const OPEN_BRACKET = 91;
export const OPEN_BRACE = 123;
export const PIPE = 124;

/**
 * Characters that are line breaks in YAML 1.1 or in Windows files (CR, NEL, LS, PS), or that YAML does
 * not allow unescaped (C0 / C1 controls, BOM, non-characters): the `yaml` package decides. One
 * character class: with the lone-surrogate alternatives in the same pattern it scanned ~10× slower.
 */
export const UNREADABLE = /[\r\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/;
/** The first character of a plain scalar here: no YAML indicator, nothing that starts another construct. */
export const PLAIN_FIRST = /^[A-Za-z0-9_./~+=$(]|^-[^\s-]|^--[^\s-]/;
/** The rest: printable ASCII; a plain scalar never holds `: ` or ` #` and never ends in `:` or a space. */
export const PLAIN_REST = /^[\x20-\x7e]*$/;
/** JSON string syntax (what JSON.stringify writes) minus `\/` (not an escape in YAML 1.1) and escaped surrogates. */
export const DOUBLE_QUOTED = /^"(?:[^"\\\x00-\x1f]|\\["\\bfnrt]|\\u(?![dD][89a-fA-F])[0-9a-fA-F]{4})*"$/;
/** The same without escapes: its content is the value as is (what JSON.parse would give, without it). */
export const SIMPLE_DOUBLE_QUOTED = /^"[^"\\\x00-\x1f]*"$/;
export const SINGLE_QUOTED = /^'[\x20-\x26\x28-\x7e]*'$/;
/** Keys JS objects order before all others (integer-like): an object would not keep the file's order. */
export const INDEX_LIKE = /^[0-9]+$/;
/** YAML limits an implicit key to 1,024 characters; stay well inside. */
export const KEY_LIMIT = 1000;

/** A scalar written plain in this layout (what it means is the tags' to say). */
export function isPlain(text: string): boolean {
  const last = text.charCodeAt(text.length - 1);
  return PLAIN_FIRST.test(text) && PLAIN_REST.test(text) && !text.includes(': ') && !text.includes(' #') && last !== COLON && last !== SPACE;
}

/** A double-quoted scalar's value: JSON string syntax, which JSON.parse decodes. */
export function decodeDoubleQuoted(raw: string): string {
  if (!DOUBLE_QUOTED.test(raw)) throw notInLayout;
  return JSON.parse(raw) as string;
}

/** A `|` block's value from its lines (indentation removed): `|-` strips the last newline, `|+` keeps the empty lines after the text. */
export function blockText(header: string, lines: readonly string[], lastContent: number): string {
  const body = lines.slice(0, lastContent + 1).join('\n');
  if (header === '|-') return body;
  if (header === '|') return `${body}\n`;
  return `${body}\n${'\n'.repeat(lines.length - 1 - lastContent)}`;
}

/** The walk over the lines of a text in the layout, shared by both readers. */
export abstract class BlockLines {
  /** Start of the current line, its end (the index of its newline) and its indentation. */
  protected start = 0;
  protected end = 0;
  protected indent = 0;

  constructor(protected readonly text: string) {
    this.line(0);
  }

  protected line(start: number): void {
    const { text } = this;
    this.start = start;
    if (start >= text.length) {
      this.end = start;
      this.indent = 0;
      return;
    }
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    this.end = end;
    let i = start;
    while (i < end && text.charCodeAt(i) === SPACE) i++;
    this.indent = i - start;
  }

  protected atEnd(): boolean {
    return this.start >= this.text.length;
  }

  protected isDocumentMarker(): boolean {
    return this.indent === 0 && (this.text.startsWith('---', this.start) || this.text.startsWith('...', this.start));
  }

  /** `-` then a space or the end of the line, at the current indentation. */
  protected isSequenceEntry(): boolean {
    const at = this.start + this.indent;
    if (this.text.charCodeAt(at) !== DASH) return false;
    return at + 1 === this.end || this.text.charCodeAt(at + 1) === SPACE;
  }

  protected startsMappingEntry(at: number): boolean {
    const { text } = this;
    const first = text.charCodeAt(at);
    if (first === SINGLE_QUOTE) return false; // never a key here, often a scalar holding `: ` (JSON)
    if (first === DOUBLE_QUOTE) {
      const close = this.closingQuote(at);
      return close + 1 < this.end && text.charCodeAt(close + 1) === COLON;
    }
    return this.keyColon(at) >= 0;
  }

  /** The `:` ending a plain key that starts at `at`: the first one followed by a space or the line's end. */
  protected keyColon(at: number): number {
    const { text, end } = this;
    for (let i = this.firstColon(at); i < end; i = this.firstColon(i + 1)) if (i + 1 === end || text.charCodeAt(i + 1) === SPACE) return i;
    return -1;
  }

  /** The last search for a `:`: from where, and what it found (the text's length for none). */
  private colonFrom = 0;
  private colonFound = -1;

  /**
   * The first `:` at or after `at`, by the native search, which may run on past the line: the
   * answer is kept and serves every later question between where it was asked and what it found,
   * so a long list without colons (a hostile file) is scanned once, not once a line.
   */
  private firstColon(at: number): number {
    if (this.colonFrom <= at && at <= this.colonFound) return this.colonFound;
    const found = this.text.indexOf(':', at);
    this.colonFrom = at;
    this.colonFound = found < 0 ? this.text.length : found;
    return this.colonFound;
  }

  /** The index of the `"` closing a double-quoted scalar that opens at `at`, on this line. */
  protected closingQuote(at: number): number {
    const { text, end } = this;
    for (let i = at + 1; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === 92 /* \ */) i++;
      else if (c === DOUBLE_QUOTE) return i;
    }
    throw notInLayout;
  }
}
