/**
 * Block-style YAML for plain data (what the emitters and the exporter produce).
 *
 * Why not `yaml.stringify`: it builds a full document tree first and took ~430 ms for a 1,000-step
 * KFP v2 spec, thirty times the one-frame budget of a live preview; this writer takes a few ms.
 * The `yaml` package still parses everything, and property tests check that what this writes
 * parses back to the same data under YAML 1.2 (magnus's ruamel) and YAML 1.1 (Go and Python
 * readers used by Argo and Kubeflow).
 *
 * Strings are plain only when no reader could take them for anything else; otherwise they are
 * double-quoted (JSON string syntax is valid YAML), or written as `|` blocks when multi-line.
 */
export function toYaml(value: unknown): string {
  out = '';
  chunks = [];
  if (isMapping(value)) {
    if (hasEntries(value)) writeMapping(value, 0);
    else out += '{}\n';
  } else if (Array.isArray(value)) {
    if (value.length > 0) writeSequence(value, 0);
    else out += '[]\n';
  } else out += `${scalar(value, 0)}\n`;
  let text = '';
  for (const chunk of chunks) text += chunk;
  text += flat(out);
  out = '';
  chunks = undefined;
  return text;
}

/** One growing string: V8 concatenates into ropes, much cheaper than joining many small pieces. */
let out = '';

/**
 * The document written so far, in flat chunks of about CHUNK characters. What emission costs is
 * paid (and measured) by emission, not by its first reader, without copying the whole document
 * into one string, which would be a second copy for most readers and, past a few hundred KB, an
 * allocation of fresh memory: like V8's own JSON.stringify, the text is a short rope of flat
 * chunks (~120 for a 1,000-step KFP v2 spec), which a reader walks or copies at the speed of
 * memory, unlike the hundreds of thousands of pieces the writer appends. Undefined while a
 * fragment is captured.
 */
let chunks: string[] | undefined;
const CHUNK = 16 * 1024;

/** Moves the text written so far into a flat chunk once it is long enough (top-level writing only). */
function spill(): void {
  if (chunks !== undefined && out.length >= CHUNK) {
    chunks.push(flat(out));
    out = '';
  }
}

/**
 * YAML already written for the exact place it goes: emitters keep each step's part of a long
 * pipeline rendered and reuse it while the step is unchanged, so an edit re-renders one step.
 */
export class RenderedYaml {
  readonly text: string;
  /**
   * `flatten`: false for text of a few pieces, most of them shared with other fragments (the KFP v2
   * containers): a copy would cost time and memory, and reading through a few pieces costs little.
   */
  constructor(
    text: string,
    readonly as: 'value' | 'item',
    flatten = true,
  ) {
    this.text = flatten ? flat(text) : text;
  }
}

/**
 * The same string, flattened now. The writer builds ropes (cheap to build), and a rope is
 * flattened the first time it is read, walking every piece down to the leaves. A kept fragment
 * flattened once is not walked again when a document holding it is, so reading a 1,000-step
 * pipeline's text after an edit copies 2 MB instead of walking hundreds of thousands of pieces
 * (2 ms against 20–200 ms, measured). V8 flattens a string in place to convert it to a number.
 */
export function flat(text: string): string {
  // Kept in a property so that no minifier drops the conversion as unused.
  flattening.last = Number(text);
  return text;
}
const flattening = { last: 0 };

/** How `value` reads as the value of a key indented by `indent - 2`. */
export function renderValue(value: unknown, indent: number): RenderedYaml {
  return new RenderedYaml(capture(() => writeValue(value, indent)), 'value');
}

/** How `item` reads as an entry of a sequence whose dashes are indented by `indent`. */
export function renderItem(item: unknown, indent: number): RenderedYaml {
  return new RenderedYaml(capture(() => writeSequence([item], indent)), 'item');
}

/** The entries of a non-empty mapping, keys indented by `indent`: what follows `key:` and its newline. */
export function renderEntries(mapping: Mapping, indent: number): string {
  return capture(() => writeMapping(mapping, indent));
}

/** A mapping's key as written before its `:`. */
export const yamlKey = (key: string): string => keyText(key);

/** How a scalar reads after `key: ` or `- `, a block literal's lines indented by `indent`. */
export const yamlScalar = (value: unknown, indent: number): string => scalar(value, indent);

function capture(write: () => void): string {
  const outer = out;
  const outerChunks = chunks;
  out = '';
  chunks = undefined;
  write();
  const text = out;
  out = outer;
  chunks = outerChunks;
  return text;
}

const PADS = Array.from({ length: 64 }, (_, n) => ' '.repeat(n));
export const pad = (n: number) => PADS[n] ?? ' '.repeat(n);

/**
 * A mapping is a plain object or, where key order is the user's and keys may look like integers
 * (which JS objects move to the front), a Map.
 */
type Mapping = Record<string, unknown> | Map<string, unknown>;

const isMapping = (value: unknown): value is Mapping => value instanceof Map || isPlainObject(value);

function hasEntries(value: Mapping): boolean {
  if (value instanceof Map) {
    for (const child of value.values()) if (child !== undefined) return true;
    return false;
  }
  for (const key of Object.keys(value)) if (value[key] !== undefined) return true;
  return false;
}

/** Writes what follows `key:` or `-`: a scalar on the same line, or a nested block on the next ones. */
function writeValue(value: unknown, indent: number): void {
  if (value instanceof RenderedYaml && value.as === 'value') {
    out += value.text;
  } else if (Array.isArray(value)) {
    if (value.length === 0) out += ' []\n';
    else {
      out += '\n';
      writeSequence(value, indent);
    }
  } else if (isMapping(value)) {
    if (!hasEntries(value)) out += ' {}\n';
    else {
      out += '\n';
      writeMapping(value, indent);
    }
  } else {
    out += ` ${scalar(value, indent)}\n`;
  }
}

function writeMapping(mapping: Mapping, indent: number, firstPrefix?: string): void {
  let first = true;
  const write = (key: string, child: unknown) => {
    if (child === undefined) return;
    out += first && firstPrefix !== undefined ? firstPrefix : pad(indent);
    out += `${keyText(key)}:`;
    writeValue(child, indent + 2);
    first = false;
    spill();
  };
  if (mapping instanceof Map) for (const [key, child] of mapping) write(String(key), child);
  else for (const key of Object.keys(mapping)) write(key, mapping[key]);
}

/** `- ` then the item; a mapping's first key shares the dash's line, as people write it. */
function writeSequence(items: unknown[], indent: number): void {
  const dash = `${pad(indent)}- `;
  for (const item of items) {
    if (item instanceof RenderedYaml && item.as === 'item') out += item.text;
    else if (isMapping(item) && hasEntries(item)) writeMapping(item, indent + 2, dash);
    else {
      out += `${pad(indent)}-`;
      writeValue(item, indent + 2);
    }
    spill();
  }
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof RenderedYaml);

function scalar(value: unknown, indent: number): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'bigint') return value.toString();
  return stringText(String(value), indent);
}

/** YAML 1.1 floats need a dot (`1e+21` would be a string there); non-finite numbers are not data. */
function numberText(n: number): string {
  if (!Number.isFinite(n)) return JSON.stringify(String(n));
  const text = String(n);
  return /e/i.test(text) && !text.includes('.') ? text.replace(/e/i, '.0e') : text;
}

function keyText(key: string): string {
  return isSafePlainCached(key) ? key : JSON.stringify(key);
}

function stringText(text: string, indent: number): string {
  if (isSafePlainCached(text)) return text;
  if (text.includes('\n') && isBlockable(text)) return blockLiteral(text, indent);
  // JSON inside YAML (KFP's pipeline_spec annotation) reads better without a backslash per quote.
  if (/["\\]/.test(text) && !/[^\x20-\x7e]|'/.test(text)) return `'${text}'`;
  return JSON.stringify(text);
}

/**
 * Characters that may appear in a plain scalar here: letters, digits and a conservative set of
 * punctuation. Anything fancier is quoted, which costs two characters and no ambiguity.
 */
const PLAIN = /^[A-Za-z0-9_./~+=@%$(-][A-Za-z0-9 _./~+=@%$()<>,:;!?*&'"\\^|[\]{}-]*$/;

/** Strings a YAML 1.1 or 1.2 reader resolves to something else: booleans, nulls, numbers, dates. */
const RESOLVES_TO_OTHER_TYPE = new RegExp(
  [
    '^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$',
    '^(?:~|null|Null|NULL)$',
    '^[-+]?(?:\\.inf|\\.Inf|\\.INF)$|^\\.(?:nan|NaN|NAN)$',
    // numbers in either version, with 1.1's underscores, sexagesimals, binary, octal and hex
    '^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\\.[0-9_]*)?$',
    '^[-+]?(?:0b[0-1_]+|0o?[0-7_]+|0x[0-9a-fA-F_]+)$',
    '^[-+]?(?:[0-9][0-9_]*)?\\.?[0-9_]*(?:[eE][-+]?[0-9]+)?$',
    // timestamps (1.1)
    '^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}',
    '^<<$|^=$',
  ].join('|'),
);

/**
 * Emitted pipelines repeat the same keys and values thousands of times (`name`, `--log-level`,
 * image names), so the verdict is remembered; the cache is dropped when it grows large.
 */
const plainVerdicts = new Map<string, boolean>();
export function isSafePlainCached(text: string): boolean {
  if (WORDS.test(text)) return !WORDS_OF_OTHER_TYPE.test(text);
  let verdict = plainVerdicts.get(text);
  if (verdict === undefined) {
    if (plainVerdicts.size > 50_000) plainVerdicts.clear();
    verdict = isSafePlain(text);
    plainVerdicts.set(text, verdict);
  }
  return verdict;
}

/**
 * Words as pipelines are full of (step names `step 12`, command names `step%12`, task names
 * `train-model`): a letter, then letters, digits, `_`, `%` and `-`, single spaces between. Of
 * what isSafePlain refuses, such a string can only be a keyword or an exponent (`e5`, RESOLVES_TO_OTHER_TYPE);
 * told straight away, where a lookup among thousands of verdicts would hash and compare each
 * fresh name (stringify.test.ts checks that both tell the same).
 */
const WORDS = /^[A-Za-z][\w%-]*(?: [\w%-]+)*$/;
const WORDS_OF_OTHER_TYPE = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|[eE]-?[0-9]+)$/;

export function isSafePlain(text: string): boolean {
  if (text === '' || !PLAIN.test(text)) return false;
  if (RESOLVES_TO_OTHER_TYPE.test(text)) return false;
  // Indicators that change meaning mid-scalar or at its end.
  if (text.includes(': ') || text.includes(' #') || text.endsWith(':') || text.endsWith(' ')) return false;
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(text) && !/^-\S/.test(text)) return false;
  return true;
}

/** A `|` block keeps multi-line text (descriptions, shell commands) readable; not for every text. */
function isBlockable(text: string): boolean {
  return (
    !/[\u0000-\u0008\u000b-\u001f\u007f\u0085\u2028\u2029\ufeff]/.test(text) &&
    !/^\n*[ \t]/.test(text) &&
    !/[ \t]\n|[ \t]$/.test(text.replace(/\n+$/, ''))
  );
}

function blockLiteral(text: string, indent: number): string {
  const body = text.replace(/\n+$/, '');
  const trailing = text.length - body.length;
  const chomp = trailing === 0 ? '-' : trailing === 1 ? '' : '+';
  const lines = (trailing > 1 ? text.slice(0, -1) : body).split('\n');
  return `|${chomp}\n${lines.map((line) => (line === '' ? '' : pad(indent) + line)).join('\n')}`;
}
