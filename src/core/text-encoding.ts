/**
 * The bytes of a file as text, for the CLI and the browser's file import alike. YAML files are
 * UTF-8, or UTF-16 when a byte-order mark says so (YAML 1.2 §5.2); anything else is refused with
 * the encoding named and the first byte that does not fit — never read as U+FFFD silently, which
 * would change step names and commands without a word.
 */
export type Decoded = { text: string; encoding: string } | { error: string };

export function decodeText(bytes: Uint8Array): Decoded {
  if (startsWith(bytes, [0x00, 0x00, 0xfe, 0xff]) || startsWith(bytes, [0xff, 0xfe, 0x00, 0x00])) {
    return { error: 'the file is UTF-32 (by its byte-order mark), which YAML readers do not take; save it as UTF-8' };
  }
  if (startsWith(bytes, [0xff, 0xfe])) return decodeUtf16(bytes.subarray(2), 'UTF-16LE');
  if (startsWith(bytes, [0xfe, 0xff])) return decodeUtf16(bytes.subarray(2), 'UTF-16BE');
  const bom = startsWith(bytes, [0xef, 0xbb, 0xbf]);
  const body = bom ? bytes.subarray(3) : bytes;
  const nul = body.indexOf(0);
  if (nul >= 0) return { error: nulMessage(body, nul, bom ? 3 : 0) };
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
    return { text, encoding: bom ? 'UTF-8 with a byte-order mark' : 'UTF-8' };
  } catch {
    const at = firstInvalidUtf8(body);
    return {
      error:
        `the file is not UTF-8: ${where(body, at, bom ? 3 : 0)} is 0x${hex(body[at])}, which cannot start or continue a UTF-8 character ` +
        '(Latin-1 or Windows-1252 text?); save it as UTF-8',
    };
  }
}

function decodeUtf16(body: Uint8Array, encoding: 'UTF-16LE' | 'UTF-16BE'): Decoded {
  try {
    return { text: new TextDecoder(encoding.toLowerCase(), { fatal: true, ignoreBOM: true }).decode(body), encoding };
  } catch {
    // Else the file has an odd number of bytes: its last one is half a code unit.
    const unit = firstBrokenSurrogate(body, encoding) ?? body.length - 1;
    return { error: `the file is not valid ${encoding} (as its byte-order mark says): the code unit at byte ${describe(unit + 3)} is an unpaired surrogate or cut short` };
  }
}

function firstBrokenSurrogate(body: Uint8Array, encoding: string): number | undefined {
  const unitAt = (i: number) => (encoding === 'UTF-16LE' ? body[i] | (body[i + 1] << 8) : (body[i] << 8) | body[i + 1]);
  for (let i = 0; i + 1 < body.length; i += 2) {
    const unit = unitAt(i);
    if (unit >= 0xdc00 && unit <= 0xdfff) return i;
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = i + 3 < body.length ? unitAt(i + 2) : -1;
      if (next < 0xdc00 || next > 0xdfff) return i;
      i += 2;
    }
  }
  return undefined;
}

/** UTF-16 text of mostly ASCII characters has a NUL in every other byte; binary files have them anywhere. */
function nulMessage(body: Uint8Array, at: number, offset: number): string {
  const sample = body.subarray(0, Math.min(body.length, 64));
  const nulsAt = (parity: number) => sample.filter((b, i) => i % 2 === parity && b === 0).length;
  const half = Math.floor(sample.length / 2);
  if (half >= 2 && (nulsAt(1) >= half * 0.8 || nulsAt(0) >= half * 0.8)) {
    return 'the file looks like UTF-16 without a byte-order mark (every other byte is 0); save it as UTF-8, or as UTF-16 with a byte-order mark';
  }
  return `the file is not text: ${where(body, at, offset)} is a NUL byte (0x00), which YAML does not allow`;
}

/** The offset of the first byte that is not part of a well-formed UTF-8 sequence (RFC 3629). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    // The second byte's range depends on the first (no overlong forms, surrogates or > U+10FFFF).
    const low = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
    const high = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
    for (let k = 1; k < length; k++) {
      const c = bytes[i + k];
      if (k === 1 ? c < low || c > high : c < 0x80 || c > 0xbf) return i;
    }
    i += length;
  }
  return bytes.length;
}

/** `byte 24 (line 2, column 19)`: 1-based, columns in bytes (what a hex editor or `cut -b` shows). */
function where(body: Uint8Array, at: number, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < at; i++) {
    if (body[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return `byte ${describe(at + offset + 1)} (line ${line}, column ${at - lineStart + 1})`;
}

const describe = (n: number) => n.toLocaleString('en-US');
const hex = (b: number | undefined) => (b ?? 0).toString(16).toUpperCase().padStart(2, '0');

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}
