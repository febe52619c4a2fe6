import { useEffect, useState } from 'react';
import { MAX_YAML_DEPTH } from '../../core/limits';
import type { Json } from '../../core/model/types';

/**
 * Parameter values are typed (magnus passes `3` as an int, `abc` as a str), and are edited as one
 * line of YAML: what you would write after `name:` in the parameters file.
 *
 * Parsing needs the `yaml` package (~30 KB gzip), which is not part of the first page load: it is
 * loaded when a parameter field is first shown (useYamlParser). Showing a value needs no parser
 * for the strings people write (plainText); the others are quoted until it has loaded.
 */
export interface ParsedValue {
  value: Json;
  /** Set when the text was taken literally because it is not a YAML value. */
  note?: string;
}

type YamlModule = typeof import('yaml');
let yaml: YamlModule | undefined;
let loading: Promise<YamlModule> | undefined;

export function loadYamlParser(): Promise<YamlModule> {
  loading ??= import('yaml').then((module) => (yaml = module));
  return loading;
}

/** Whether the parser is there, loading it on first use; the component re-renders when it arrives. */
export function useYamlParser(): boolean {
  const [ready, setReady] = useState(yaml !== undefined);
  useEffect(() => {
    if (ready) return;
    let live = true;
    void loadYamlParser().then(() => live && setReady(true));
    return () => {
      live = false;
    };
  }, [ready]);
  return ready;
}

/** Needs the parser (loadYamlParser); a field calls it only once useYamlParser says it is there. */
export function parseParameterValue(text: string): ParsedValue {
  if (!yaml) throw new Error('the YAML parser is not loaded yet (loadYamlParser)');
  // The parser nests recursively; a value nested past the files' limit would only overflow it.
  if (flowDepth(text) > MAX_YAML_DEPTH) return literal(text);
  let document;
  let value: unknown;
  try {
    document = yaml.parseDocument(text);
    if (document.errors.length > 0) return literal(text);
    // Aliases expanding past the parser's own budget throw here (a "billion laughs" value).
    value = document.toJS();
  } catch {
    return literal(text);
  }
  // A comment would be dropped on the way through the model; keep the text whole instead.
  const contents = document.contents as { comment?: string | null; commentBefore?: string | null } | null;
  if (document.comment || document.commentBefore || contents?.comment || contents?.commentBefore) return literal(text);
  if (!isJson(value)) return literal(text);
  return { value };
}

/** How deep `[` and `{` nest, quotes aside: a bound, not a parse. */
function flowDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let quote: string | undefined;
  for (const c of text) {
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '{') deepest = Math.max(deepest, ++depth);
    else if (c === ']' || c === '}') depth--;
  }
  return deepest;
}

const literal = (text: string): ParsedValue => ({ value: text, note: 'not a YAML value, so it is kept as text' });

/** Plain data only: `.inf`, `.nan` and the like have no JSON form, so the emitters could not carry them. */
function isJson(value: unknown): value is Json {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isJson);
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) return Object.values(value as object).every(isJson);
  return false;
}

/** What the YAML 1.2 core schema (the parser's default) reads as null, a boolean or a number. */
const CORE_SCALARS = [
  /^(?:~|[Nn]ull|NULL)?$/,
  /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
  /^0o[0-7]+$/,
  /^[-+]?[0-9]+$/,
  /^0x[0-9a-fA-F]+$/,
  /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/,
];
/** Plain text no YAML syntax can start or end inside: words, paths, URLs, versions, `a=b`, `x (y)`. */
const SIMPLE_PLAIN = /^[A-Za-z0-9_/][A-Za-z0-9_ ./:@%+=~^()-]*$/;

/**
 * Whether `text` reads back as that same string when written plain: true or false when that can be
 * told without a parser, undefined otherwise. (Tested against the parser in forms.test.ts.)
 */
export function plainText(text: string): boolean | undefined {
  if (CORE_SCALARS.some((r) => r.test(text))) return false;
  if (!SIMPLE_PLAIN.test(text) || text.endsWith(' ') || text.endsWith(':') || text.includes(': ')) return undefined;
  return true;
}

/** The text that parses back to `value`: strings that look like something else are quoted. */
export function parameterValueText(value: Json): string {
  if (typeof value === 'string') {
    const plain = plainText(value) ?? (yaml ? exactlyPlain(value) : false);
    return plain ? value : JSON.stringify(value);
  }
  if (value === null) return 'null';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function exactlyPlain(value: string): boolean {
  const back = parseParameterValue(value);
  return back.note === undefined && back.value === value;
}

export function valueTypeName(value: Json): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object') return 'mapping';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}
