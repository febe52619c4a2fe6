import { describe, expect, it } from 'vitest';
import { decodeText } from './text-encoding';

const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...new TextEncoder().encode(p)] : p)));

function utf16(text: string, littleEndian: boolean, bom = true): Uint8Array {
  const out: number[] = bom ? (littleEndian ? [0xff, 0xfe] : [0xfe, 0xff]) : [];
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    out.push(...(littleEndian ? [unit & 0xff, unit >> 8] : [unit >> 8, unit & 0xff]));
  }
  return Uint8Array.from(out);
}

const YAML = 'dag:\n  description: "Grüße – 東京 🚀"\n';

describe('decodeText: what a file of magnus YAML may be', () => {
  it('reads UTF-8, with or without a byte-order mark', () => {
    expect(decodeText(bytes(YAML))).toEqual({ text: YAML, encoding: 'UTF-8' });
    expect(decodeText(bytes([0xef, 0xbb, 0xbf], YAML))).toEqual({ text: YAML, encoding: 'UTF-8 with a byte-order mark' });
  });

  it('reads UTF-16 marked by a byte-order mark, little- and big-endian', () => {
    expect(decodeText(utf16(YAML, true))).toEqual({ text: YAML, encoding: 'UTF-16LE' });
    expect(decodeText(utf16(YAML, false))).toEqual({ text: YAML, encoding: 'UTF-16BE' });
  });

  it('refuses text that is not UTF-8 with the byte, its offset, line and column', () => {
    const latin1 = bytes('dag:\n  description: "Gr', [0xfc], 'n"\n');
    const result = decodeText(latin1);
    expect(result).toEqual({ error: expect.stringContaining('not UTF-8') });
    const message = (result as { error: string }).error;
    expect(message).toContain('byte 24 (line 2, column 19)');
    expect(message).toContain('0xFC');
    expect(message).toMatch(/Latin-1|Windows-1252/);
  });

  it('refuses a truncated multi-byte sequence at the end', () => {
    expect(decodeText(bytes('a: ', [0xe2, 0x80]))).toEqual({ error: expect.stringContaining('byte 4 (line 1, column 4)') });
  });

  it('refuses UTF-16 without a byte-order mark and UTF-32, naming them', () => {
    expect(decodeText(utf16(YAML, true, false))).toEqual({ error: expect.stringContaining('UTF-16') });
    expect(decodeText(Uint8Array.from([0xff, 0xfe, 0, 0, 0x61, 0, 0, 0]))).toEqual({ error: expect.stringContaining('UTF-32') });
    expect(decodeText(Uint8Array.from([0, 0, 0xfe, 0xff, 0, 0, 0, 0x61]))).toEqual({ error: expect.stringContaining('UTF-32') });
  });

  it('refuses a UTF-16 file whose surrogates are broken, at the unit', () => {
    const broken = Uint8Array.from([0xff, 0xfe, 0x61, 0, 0x00, 0xd8, 0x61, 0]);
    expect(decodeText(broken)).toEqual({ error: expect.stringContaining('not valid UTF-16LE') });
  });

  it('refuses binary files (NUL bytes) and names the offset', () => {
    expect(decodeText(bytes('dag:', [0], 'x'))).toEqual({ error: expect.stringContaining('byte 5') });
  });
});
