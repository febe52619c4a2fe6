import { describe, expect, it } from 'vitest';
import { textBySource } from '../../bench/source-map-bytes';

const parts = (code: string, mappings: string) => Object.fromEntries(textBySource(code, { sources: ['a.ts', 'b.ts'], mappings }));

describe("a built file's text by source (bench/first-load.ts)", () => {
  it('gives each segment the text up to the next, across lines, columns starting again on each line', () => {
    expect(parts('ab\ncd', 'AAAA,CCAA;AAAA')).toEqual({ 'a.ts': ['a'], 'b.ts': ['b\n', 'cd'] });
  });

  it('follows the source index back and forth (relative, signed)', () => {
    expect(parts('abc', 'AAAA,CCAA,CDAA')).toEqual({ 'a.ts': ['a', 'c'], 'b.ts': ['b'] });
  });

  it('reads numbers of several digits', () => {
    expect(parts('0123456789abcdefghij', 'AAAA,gBCAA')).toEqual({ 'a.ts': ['0123456789abcdef'], 'b.ts': ['ghij'] });
  });

  it('puts text before the first segment and after a segment without a source under null', () => {
    expect(parts('xabcd', 'CAAA,EAAA,C')).toEqual({ null: ['x', 'd'], 'a.ts': ['ab', 'c'] });
  });

  it('refuses mappings that are not base64 VLQ', () => {
    expect(() => parts('ab', 'A!AA')).toThrow(/not a source map/);
  });
});
