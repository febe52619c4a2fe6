import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareQuantities, parseQuantity, quantityIssue, quantityProblem, quantityToCores, quantityToDecimalGigabytes, type Quantity } from './quantity';

const parse = (text: string): Quantity => {
  const q = parseQuantity(text);
  if (!q) throw new Error(`test input ${JSON.stringify(text)} is not a quantity`);
  return q;
};
const compare = (a: string, b: string) => compareQuantities(parse(a), parse(b));

describe('parseQuantity', () => {
  it.each(['1', '0.5', '.5', '5.', '500m', '1e3', '1E-3', '2Gi', '+1', '1.5Gi', '-1', '1E', '1k', '0', '1e+3', '007', '1Ei', '3P'])('accepts %j', (text) => {
    expect(parseQuantity(text)).toBeDefined();
  });

  it.each(['', '1.5 cores', 'abc', '1.5.5', 'Gi', '1GiB', '1g', '--1', ' 1', '1 ', '.', '1e', '1e1.5', '1K', 'm', '+', '1Mi1', '1e99999999999', '0x10', '١'])('rejects %j', (text) => {
    expect(parseQuantity(text)).toBeUndefined();
  });

  it('keeps the value exact as coefficient × 10^e × 2^b', () => {
    expect(parse('1.50Gi')).toEqual({ sign: 1, coefficient: 15n, exponent10: -1, exponent2: 30, suffix: 'Gi' });
    expect(parse('-0.00')).toEqual({ sign: 0, coefficient: 0n, exponent10: 0, exponent2: 0, suffix: '' });
    expect(parse('12e-3')).toMatchObject({ coefficient: 12n, exponent10: -3, suffix: 'e-3' });
    expect(parse('1E')).toMatchObject({ coefficient: 1n, exponent10: 18, suffix: 'E' });
  });

  it('does not treat a non-string as a quantity', () => {
    expect(parseQuantity(1 as unknown as string)).toBeUndefined();
  });
});

describe('compareQuantities', () => {
  it.each([
    ['1', '1000m', 0],
    ['1Ki', '1024', 0],
    ['1k', '1Ki', -1],
    ['1G', '1Gi', -1],
    ['0.1', '100m', 0],
    ['1e3', '1k', 0],
    ['1E-3', '1m', 0],
    ['-1', '0', -1],
    ['-2', '-1', -1],
    ['0', '-0', 0],
    ['1e2147483647', '1e2147483646', 1],
    ['1e-2147483647', '0', 1],
    ['1Ei', '1e18', 1],
    ['1152921504606846976', '1Ei', 0],
  ] as const)('%s vs %s → %i', (a, b, expected) => {
    expect(compare(a, b)).toBe(expected);
    expect(compare(b, a)).toBe(-expected || 0);
  });
});

describe('conversions for the KFP v2 numeric fields', () => {
  it.each([
    ['250m', 0.25],
    ['2', 2],
    ['0.3', 0.3],
    ['100m', 0.1],
    ['1.1', 1.1],
    ['1e3', 1000],
    ['1k', 1000],
    ['.5', 0.5],
  ] as const)('quantityToCores(%j) = %d', (text, cores) => {
    expect(quantityToCores(text)).toBe(cores);
  });

  it.each([
    ['256Mi', 0.268435456],
    ['1G', 1],
    ['1Gi', 1.073741824],
    ['1.5Gi', 1.610612736],
    ['300M', 0.3],
    ['512Mi', 0.536870912],
    ['100Ki', 0.0001024],
    ['1e9', 1],
  ] as const)('quantityToDecimalGigabytes(%j) = %d', (text, gigabytes) => {
    expect(quantityToDecimalGigabytes(text)).toBe(gigabytes);
    expect(String(quantityToDecimalGigabytes(text))).toBe(String(gigabytes));
  });

  it('gives NaN for text that is not a quantity', () => {
    expect(quantityToCores('1.5 cores')).toBeNaN();
    expect(quantityToDecimalGigabytes('1GB')).toBeNaN();
  });
});

describe('quantityProblem', () => {
  it('says what a CPU amount looks like', () => {
    expect(quantityProblem('cpu', '1.5 cores')).toBe('"1.5 cores" is not a Kubernetes quantity (e.g. 500m, 2, 0.5)');
    expect(quantityProblem('cpu', '500m')).toBeUndefined();
    expect(quantityProblem('cpu', '-1')).toMatch(/negative/);
  });

  it('says what a memory amount looks like, and which unit was probably meant', () => {
    expect(quantityProblem('memory', 'abc')).toBe('"abc" is not a Kubernetes quantity (e.g. 512Mi, 1G, 2Gi)');
    expect(quantityProblem('memory', '1GB')).toMatch(/write 1G \(10\^9 bytes\) or 1Gi \(2\^30 bytes\)/);
    expect(quantityProblem('memory', '2Gi')).toBeUndefined();
  });

  it('explains that m is milli for memory', () => {
    expect(quantityIssue('memory', '512m')).toMatchObject({ severity: 'error', code: 'E_MEMORY_MILLI' });
    expect(quantityProblem('memory', '512m')).toMatch(/thousandths of a byte.*512M.*512Mi/);
    expect(quantityProblem('cpu', '512m')).toBeUndefined();
  });

  it('warns about a memory amount without a unit', () => {
    expect(quantityIssue('memory', '4')).toMatchObject({ severity: 'warning', code: 'W_MEMORY_TINY' });
    expect(quantityProblem('memory', '4')).toMatch(/only 4 bytes.*4Gi/);
    expect(quantityIssue('memory', '0')).toBeUndefined();
    expect(quantityIssue('memory', '1Mi')).toBeUndefined();
  });

  it('wants a GPU count written as digits', () => {
    expect(quantityProblem('gpu', '1')).toBeUndefined();
    expect(quantityProblem('gpu', '0')).toBeUndefined();
    expect(quantityIssue('gpu', '1.5')).toMatchObject({ code: 'E_GPU_COUNT' });
    expect(quantityIssue('gpu', '1e0')).toMatchObject({ code: 'E_GPU_COUNT' });
    expect(quantityIssue('gpu', '-1')).toMatchObject({ code: 'E_QUANTITY_NEGATIVE' });
  });

  it('reports an empty amount as empty', () => {
    expect(quantityIssue('cpu', '')).toMatchObject({ code: 'E_QUANTITY_EMPTY' });
  });
});

describe('properties', () => {
  const quantityText = fc
    .tuple(
      fc.constantFrom('', '+', '-'),
      fc.oneof(fc.nat().map(String), fc.tuple(fc.nat(), fc.nat()).map(([a, b]) => `${a}.${b}`), fc.nat().map((n) => `.${n}`), fc.nat().map((n) => `${n}.`)),
      fc.oneof(fc.constantFrom('', 'm', 'k', 'M', 'G', 'T', 'P', 'E', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'), fc.integer({ min: -40, max: 40 }).map((e) => `e${e}`)),
    )
    .map(([sign, number, suffix]) => `${sign}${number}${suffix}`);

  it('parses every generated quantity', () => {
    fc.assert(fc.property(quantityText, (text) => parseQuantity(text) !== undefined));
  });

  it('compares antisymmetrically', () => {
    fc.assert(fc.property(quantityText, quantityText, (a, b) => compare(a, b) === (-compare(b, a) || 0)));
  });

  it('compares transitively', () => {
    fc.assert(
      fc.property(quantityText, quantityText, quantityText, (a, b, c) => {
        const [x, y, z] = [a, b, c].map(parse).sort(compareQuantities);
        const ordered = compareQuantities(x, y) <= 0 && compareQuantities(y, z) <= 0 && compareQuantities(x, z) <= 0;
        const equalsChain = compareQuantities(x, y) !== 0 || compareQuantities(y, z) !== 0 || compareQuantities(x, z) === 0;
        return ordered && equalsChain;
      }),
    );
  });

  it('agrees with the ordering of the numbers when they are exact doubles', () => {
    fc.assert(fc.property(fc.integer(), fc.integer(), (a, b) => compare(String(a), String(b)) === Math.sign(a - b)));
  });

  it('reads n millicores as n / 1000 cores', () => {
    fc.assert(fc.property(fc.integer(), (n) => quantityToCores(`${n}m`) === n / 1000));
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        parseQuantity(text);
        quantityProblem('cpu', text);
        quantityProblem('memory', text);
        quantityProblem('gpu', text);
        quantityToCores(text);
        return true;
      }),
    );
  });
});
