// Scalars as the vouch reads them: what a plain scalar surely is in both YAML 1.2 and 1.1, quoted
// scalars and their escapes, and whether a scalar is a valid value of a proto scalar type
// (src/core/check/proto-json-accepts.ts, valueOfKindOk).
import { hasUtf8, lineHasUtf8, SPACE, utf8Ok } from './lines';
import { take } from './memory';

// Scalar types (bufbuild's ScalarType) and the element kinds of the table.
export const DOUBLE: u32 = 1;
export const FLOAT: u32 = 2;
export const INT64: u32 = 3;
export const UINT64: u32 = 4;
export const INT32: u32 = 5;
export const FIXED64: u32 = 6;
export const FIXED32: u32 = 7;
export const BOOL: u32 = 8;
export const STRING: u32 = 9;
export const UINT32: u32 = 13;
export const SFIXED32: u32 = 15;
export const SFIXED64: u32 = 16;
export const SINT32: u32 = 17;
export const SINT64: u32 = 18;

// What a plain or quoted scalar is (plainClass answers the first five for a plain one).
export const REFUSED: i32 = 0;
export const IS_STRING: i32 = 1;
export const IS_INT: i32 = 2;
export const IS_FLOAT: i32 = 3;
export const IS_BOOL: i32 = 4;
export const IS_QUOTED: i32 = 5;
export const IS_EMPTY_MAP: i32 = 6;
export const IS_EMPTY_LIST: i32 = 7;
export const IS_LITERAL: i32 = 8; // `|`, `|-` or `|+`: a literal block on the lines after

@inline export function isLetter(c: u32): bool { return ((c | 32) >= 97 && (c | 32) <= 122); }

@inline export function isDigit(c: u32): bool { return c >= 48 && c <= 57; }

@inline export function lower(c: u32): u32 { return c | 32; }

/**
 * Whether [at, end) spells, in any case, a word YAML 1.1 or 1.2 reads as a boolean or null
 * (y, n, yes, no, on, off, true, false, null): such a plain scalar is judged by the full check.
 */
export function isWord(at: usize, end: usize): bool {
  const n = end - at;
  const a = lower(load<u8>(at));
  if (n == 1) return a == 121 || a == 110;
  const b = lower(load<u8>(at + 1));
  if (n == 2) return (a == 110 && b == 111) || (a == 111 && b == 110);
  const c = lower(load<u8>(at + 2));
  if (n == 3) return (a == 121 && b == 101 && c == 115) || (a == 111 && b == 102 && c == 102);
  const d = lower(load<u8>(at + 3));
  if (n == 4) return (a == 116 && b == 114 && c == 117 && d == 101) || (a == 110 && b == 117 && c == 108 && d == 108);
  if (n == 5) return a == 102 && b == 97 && c == 108 && d == 115 && lower(load<u8>(at + 4)) == 101;
  return false;
}

/** Digits from `at`, at most `limit` of them; the end of the run (== at when none). */
@inline export function digits(at: usize, end: usize): usize {
  let i = at;
  while (i < end && isDigit(load<u8>(i))) i++;
  return i;
}

/** The value of the last plain int classified, for range checks. */
export let numberValue: f64 = 0;

/**
 * How a plain scalar [at, end) reads in both YAML 1.2 (core) and 1.1, when the vouch knows for
 * sure: a string (it starts with a letter and is no boolean or null word and no bare exponent, or
 * with `/`, `$` or `_`, or with `-` and a letter or `-`, or with a digit and holds a byte no number or timestamp can, or is digits
 * with a unit — `0s`, `1Ti` — or a version `1.2.3`), an
 * int (decimal, no leading zero, at most 15 digits), a float (the same, a point, digits) or a
 * boolean (`true`, `false`). Anything else — and any text the plain style cannot hold (`: `, ` #`,
 * a trailing space or colon) — is refused.
 */
export function classify(at: usize, end: usize): i32 {
  if (at >= end || !plainSafe(at, end) || load<u8>(end - 1) == SPACE) return REFUSED;
  const first = <u32>load<u8>(at);
  if (isLetter(first)) {
    if (isBareExponent(at, end)) return REFUSED;
    if (end - at == 4 && first == 116 && load<u8>(at + 1) == 114 && load<u8>(at + 2) == 117 && load<u8>(at + 3) == 101) return IS_BOOL;
    if (end - at == 5 && first == 102 && load<u8>(at + 1) == 97 && load<u8>(at + 2) == 108 && load<u8>(at + 3) == 115 && load<u8>(at + 4) == 101) return IS_BOOL;
    return isWord(at, end) ? REFUSED : IS_STRING;
  }
  if (first == 47 || first == 36 || first == 95) return IS_STRING; // `/`, `$`, `_`: no number, boolean or null starts so
  let i = at;
  if (first == 45) {
    // `-`: a string when a letter or another `-` follows; a number when digits do.
    if (end - at < 2) return REFUSED;
    const second = <u32>load<u8>(at + 1);
    if (isLetter(second)) return isBareExponent(at + 1, end) ? REFUSED : IS_STRING;
    if (second == 45) return end - at > 2 && isLetter(load<u8>(at + 2)) ? IS_STRING : REFUSED;
    i = at + 1;
  }
  if (!isDigit(load<u8>(i))) return REFUSED;
  if (first != 45 && hasNonNumericByte(at, end)) return IS_STRING;
  const intEnd = digits(i, end);
  const intDigits = intEnd - i;
  const leadingZero = load<u8>(i) == 48 && intDigits > 1;
  if (intEnd == end) {
    if (leadingZero || intDigits > 15) return REFUSED;
    numberValue = parseDigits(i, end);
    if (first == 45) numberValue = -numberValue;
    return IS_INT;
  }
  const c = <u32>load<u8>(intEnd);
  if (c == 46) {
    const fracEnd = digits(intEnd + 1, end);
    if (fracEnd == intEnd + 1) return REFUSED;
    if (fracEnd == end) {
      if (leadingZero || intDigits > 15 || fracEnd - intEnd > 17) return REFUSED;
      // No value kept: a float stands only where any finite number does (double, float, Value).
      return IS_FLOAT;
    }
    if (first == 45) return REFUSED;
    // A version (`2.1.0`): YAML 1.1's floats hold one point.
    if (load<u8>(fracEnd) == 46) {
      let j = fracEnd;
      while (j < end && load<u8>(j) == 46) {
        const next = digits(j + 1, end);
        if (next == j + 1) return REFUSED;
        j = next;
      }
      return j == end ? IS_STRING : REFUSED;
    }
    return isUnit(fracEnd, end) ? IS_STRING : REFUSED;
  }
  if (first == 45) return REFUSED;
  return isUnit(intEnd, end) ? IS_STRING : REFUSED;
}

/**
 * Whether [at, end) holds a byte that none of the YAML 1.2 core or 1.1 patterns for numbers and
 * timestamps a plain scalar starting with a digit could match admits: anything but digits, `a`–`f`
 * and `A`–`F`, `x`, `o`, `t`, `T`, `z`, `Z`, `_`, `.`, `:`, `+`, `-` and space. Such a scalar is a
 * string in both (`0.12.0__dag.yaml`, `1Gi`).
 */
export function hasNonNumericByte(at: usize, end: usize): bool {
  for (let i = at; i < end; i++) {
    const c = <u32>load<u8>(i);
    if (isDigit(c) || c == 95 || c == 46 || c == 58 || c == 43 || c == 45 || c == SPACE) continue;
    const l = c | 32;
    if (l >= 97 && l <= 102) continue; // a-f
    if (l == 120 || l == 111 || l == 116 || l == 122) continue; // x, o, t, z
    return true;
  }
  return false;
}

/**
 * Whether [at, end) is an exponent with no digits before it (`e1`, `E+6`): the `yaml` package's YAML
 * 1.1 floats have an optional mantissa (`[-+]?([0-9][0-9_]*)?(\.[0-9_]*)?[eE][-+]?[0-9]+`), so it
 * reads those as numbers (NaN), where they are strings in YAML 1.2.
 */
export function isBareExponent(at: usize, end: usize): bool {
  if ((load<u8>(at) | 32) != 101) return false;
  let i = at + 1;
  if (i < end && (load<u8>(i) == 43 || load<u8>(i) == 45)) i++;
  return i < end && digits(i, end) == end;
}

/**
 * Whether a plain scalar [at, end) holds no `: ` (nor ends in a colon) and no ` #` (a comment):
 * its colons and hashes found 16 bytes at a time (a command line runs to a few hundred bytes), each
 * then read with its neighbour. The bytes loaded past `end` are masked off.
 */
export function plainSafe(at: usize, end: usize): bool {
  const colon = i8x16.splat(58);
  const hash = i8x16.splat(35);
  for (let i = at; i < end; i += 16) {
    const chunk = v128.load(i);
    let found = <u32>i8x16.bitmask(v128.or(i8x16.eq(chunk, colon), i8x16.eq(chunk, hash)));
    if (end - i < 16) found &= (<u32>1 << <u32>(end - i)) - 1;
    while (found != 0) {
      const j = i + ctz(found);
      found &= found - 1;
      if (load<u8>(j) == 58 ? j + 1 == end || load<u8>(j + 1) == SPACE : j > at && load<u8>(j - 1) == SPACE) return false;
    }
  }
  return true;
}

/** Whether [at, end) is a unit after a number: s, m, k, K, M, G, T, P, and Ki … Pi. No `e`, `x`, `o` or `b`: those make numbers. */
export function isUnit(at: usize, end: usize): bool {
  const n = end - at;
  if (n < 1 || n > 2) return false;
  const c = <u32>load<u8>(at);
  if (n == 1) return c == 115 || c == 109 || c == 107 || c == 75 || c == 77 || c == 71 || c == 84 || c == 80;
  return load<u8>(at + 1) == 105 && (c == 75 || c == 77 || c == 71 || c == 84 || c == 80);
}

export function parseDigits(at: usize, end: usize): f64 {
  let value: f64 = 0;
  for (let i = at; i < end; i++) value = value * 10 + <f64>(load<u8>(i) - 48);
  return value;
}

/** The start and end of the last quoted scalar's content as written, and whether it holds escapes (then it is not its value). */
export let quotedAt: usize = 0;
export let quotedEnd: usize = 0;
export let quotedEscaped: bool = false;

/** The escaped content [quotedAt, quotedEnd) decoded into memory of its own (kept for the vouch: references point into it). */
export function decodeQuoted(): void {
  const at = take(quotedEnd - quotedAt);
  let out = at;
  for (let i = quotedAt; i < quotedEnd; i++) {
    let c = load<u8>(i);
    if (c == 92) c = load<u8>(++i);
    store<u8>(out++, c);
  }
  quotedAt = at;
  quotedEnd = out;
}

/** What the value [at, end) on a line is: a plain scalar's class, quoted, `{}`, `[]`, or refused. */
export function valueKind(at: usize, end: usize): i32 {
  if (at >= end) return REFUSED;
  const first = load<u8>(at);
  quotedEscaped = false;
  if (first == 34 || first == 39) {
    // Single-quoted with no quote inside, or double-quoted whose only escapes are \" and \\.
    if (end - at < 2 || load<u8>(end - 1) != first) return REFUSED;
    for (let i = at + 1; i < end - 1; i++) {
      const c = load<u8>(i);
      if (c == first) return REFUSED;
      if (c == 92) {
        if (first == 39) continue; // a backslash is itself in single quotes
        const escaped = i + 1 < end - 1 ? load<u8>(i + 1) : 0;
        if (escaped != 34 && escaped != 92) return REFUSED;
        quotedEscaped = true;
        i++;
      }
    }
    quotedAt = at + 1;
    quotedEnd = end - 1;
    if (lineHasUtf8 && !utf8Ok(quotedAt, quotedEnd)) return REFUSED;
    return IS_QUOTED;
  }
  if (first == 124) return end - at == 1 || (end - at == 2 && (load<u8>(at + 1) == 45 || load<u8>(at + 1) == 43)) ? IS_LITERAL : REFUSED;
  if (first == 123) return end - at == 2 && load<u8>(at + 1) == 125 ? IS_EMPTY_MAP : REFUSED;
  if (first == 91) return end - at == 2 && load<u8>(at + 1) == 93 ? IS_EMPTY_LIST : REFUSED;
  if (lineHasUtf8 && hasUtf8(at, end)) return REFUSED; // a plain scalar past ASCII: the emitter quotes those
  const kind = classify(at, end);
  if (kind == IS_STRING) {
    quotedAt = at;
    quotedEnd = end;
  }
  return kind;
}

/** A decimal integer string that surely fits 64 bits (proto-json-accepts.ts, INT64_STRING / UINT64_STRING). */
export function isInt64String(at: usize, end: usize, signed: bool): bool {
  let i = at;
  if (signed && i < end && load<u8>(i) == 45) i++;
  if (i >= end) return false;
  if (digits(i, end) != end) return false;
  if (load<u8>(i) == 48) return end - at == 1;
  return end - i <= (signed ? 18 : 19);
}

/** A Duration bufbuild reads (proto-json-accepts.ts, DURATION): -?[0-9]{1,11}(\.[0-9]{1,9})?s */
export function isDuration(at: usize, end: usize): bool {
  let i = at;
  if (i < end && load<u8>(i) == 45) i++;
  const whole = digits(i, end);
  if (whole == i || whole - i > 11) return false;
  i = whole;
  if (i < end && load<u8>(i) == 46) {
    const frac = digits(i + 1, end);
    if (frac == i + 1 || frac - i - 1 > 9) return false;
    i = frac;
  }
  return i + 1 == end && load<u8>(i) == 115;
}

/** Whether a scalar of `kind` (from valueKind) is a valid value of scalar type `type`. */
export function scalarOk(type: u32, kind: i32): bool {
  switch (type) {
    case STRING:
      return kind == IS_QUOTED || kind == IS_STRING;
    case BOOL:
      return kind == IS_BOOL;
    case DOUBLE:
    case FLOAT:
      return kind == IS_INT || kind == IS_FLOAT;
    case INT32:
    case SINT32:
    case SFIXED32:
      return kind == IS_INT && numberValue >= -2147483648 && numberValue <= 2147483647;
    case UINT32:
    case FIXED32:
      return kind == IS_INT && numberValue >= 0 && numberValue <= 4294967295;
    case INT64:
    case SINT64:
    case SFIXED64:
      return kind == IS_INT || (kind == IS_QUOTED && isInt64String(quotedAt, quotedEnd, true));
    case UINT64:
    case FIXED64:
      return (kind == IS_INT && numberValue >= 0) || (kind == IS_QUOTED && isInt64String(quotedAt, quotedEnd, false));
    default:
      return false; // bytes, NullValue: bufbuild's rules
  }
}
