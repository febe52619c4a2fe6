import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { isWellFormed } from './values.ts';

type Prototype = { isWellFormed?: () => boolean };
const proto = String.prototype as Prototype;
const native = proto.isWellFormed;

// Strings of raw UTF-16 code units, surrogates weighted up so lone and paired ones both occur often.
const units = fc.array(
  fc.oneof(fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 0xd800, max: 0xdfff }), fc.constantFrom(0x41, 0xe9)),
  { maxLength: 12 },
).map((codes) => String.fromCharCode(...codes));

describe('isWellFormed', () => {
  afterEach(() => {
    proto.isWellFormed = native;
  });

  it('finds lone surrogates, at either end and between pairs', () => {
    for (const text of ['\ud800', 'a\udc00', '\udc00\ud800', '\ud83d\ude00\ud83d', 'x\ud83d'])
      expect(isWellFormed(text), JSON.stringify(text)).toBe(false);
    for (const text of ['', 'plain', 'é', '\ud83d\ude00', 'a\ud83d\ude00b\ud83d\ude00']) expect(isWellFormed(text), JSON.stringify(text)).toBe(true);
  });

  // Engines without String.prototype.isWellFormed (older browsers) take the regular expression.
  it('answers as the native method does when the engine has none', () => {
    expect(typeof native).toBe('function');
    fc.assert(
      fc.property(units, (text) => {
        const expected = native!.call(text);
        delete proto.isWellFormed;
        try {
          return isWellFormed(text) === expected;
        } finally {
          proto.isWellFormed = native;
        }
      }),
      { numRuns: 2_000 },
    );
  });
});
