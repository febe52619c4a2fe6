// Lines of the text the vouch reads (kfp-v2-vouch.ts): where each ends and what it holds, 16 bytes
// at a time, and whether its bytes past ASCII are UTF-8 both YAML versions read as themselves.

export const NL: u8 = 10;
export const SPACE: u8 = 32;

/**
 * The newline ending the line from `at`, or 0 when a byte before it is a control character; 16
 * bytes at a time (the memory after the text is the reading's own, so a load past it is in bounds).
 */
export function lineEnd(at: usize): usize {
  const newline = i8x16.splat(10);
  const space = i8x16.splat(32);
  const del = i8x16.splat(127);
  lineHasUtf8 = false;
  for (let i = at; ; i += 16) {
    const chunk = v128.load(i);
    const isNewline = i8x16.eq(chunk, newline);
    const bad = <u32>i8x16.bitmask(v128.or(v128.andnot(i8x16.lt_u(chunk, space), isNewline), i8x16.eq(chunk, del)));
    // A lane's high bit: a byte of a UTF-8 sequence.
    const high = <u32>i8x16.bitmask(chunk);
    const newlines = <u32>i8x16.bitmask(isNewline);
    if (newlines != 0) {
      const before = (<u32>1 << ctz(newlines)) - 1;
      if (high & before) lineHasUtf8 = true;
      return bad & before ? 0 : i + ctz(newlines);
    }
    if (high != 0) lineHasUtf8 = true;
    if (bad != 0) return 0;
  }
  return 0;
}

/** Whether the line lineEnd found last holds bytes past ASCII (then only quoted scalars and literal blocks may hold them). */
export let lineHasUtf8: bool = false;

/** Whether [at, end) holds a byte past ASCII. */
export function hasUtf8(at: usize, end: usize): bool {
  for (let i = at; i < end; i++) if (load<u8>(i) >= 128) return true;
  return false;
}

/**
 * Whether [at, end) is UTF-8 of characters YAML 1.2 and 1.1 both read as themselves in a quoted
 * scalar or a literal block: none of the C1 controls (U+0080–U+009F, NEL among them), U+2028 and
 * U+2029 (line breaks in YAML 1.1), U+FEFF, U+FFFE, U+FFFF (kfp-v2's block reader leaves all these
 * to the yaml package too). TextEncoder writes well-formed UTF-8 of a well-formed string (the
 * caller checks), so this reads lead bytes and the ranges they allow.
 */
export function utf8Ok(at: usize, end: usize): bool {
  let i = at;
  while (i < end) {
    const b = <u32>load<u8>(i);
    if (b < 128) {
      i++;
      continue;
    }
    if (b >= 0xc2 && b <= 0xdf) {
      if (i + 1 >= end || b == 0xc2 && load<u8>(i + 1) < 0xa0) return false;
      i += 2;
    } else if (b >= 0xe0 && b <= 0xef) {
      if (i + 2 >= end) return false;
      const b1 = <u32>load<u8>(i + 1);
      const b2 = <u32>load<u8>(i + 2);
      if (b == 0xe2 && b1 == 0x80 && (b2 == 0xa8 || b2 == 0xa9)) return false;
      if (b == 0xef && ((b1 == 0xbb && b2 == 0xbf) || (b1 == 0xbf && (b2 == 0xbe || b2 == 0xbf)))) return false;
      i += 3;
    } else if (b >= 0xf0 && b <= 0xf4) {
      if (i + 3 >= end) return false;
      i += 4;
    } else return false;
  }
  return true;
}

/** The first byte from `at` that is not a space, 16 bytes at a time. */
export function indentEnd(at: usize): usize {
  const space = i8x16.splat(32);
  for (let i = at; ; i += 16) {
    const others = <u32>i8x16.bitmask(i8x16.ne(v128.load(i), space));
    if (others != 0) return i + ctz(others);
  }
  return 0;
}
