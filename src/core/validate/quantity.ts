/**
 * Kubernetes resource quantities (k8s.io/apimachinery `resource.Quantity`):
 *
 *   quantity     ::= signedNumber suffix
 *   signedNumber ::= ("+" | "-")? number
 *   number       ::= digits | digits "." digits | digits "." | "." digits
 *   suffix       ::= binarySI | decimalExponent | decimalSI
 *   binarySI     ::= Ki | Mi | Gi | Ti | Pi | Ei
 *   decimalSI    ::= m | "" | k | M | G | T | P | E
 *   decimalExponent ::= ("e" | "E") signedInteger
 *
 * The published grammar allows a fractional exponent, but Kubernetes' parser reads the exponent
 * with ParseInt(…, 32) — `1e1.5` is rejected by the API server — so the exponent here is a signed
 * 32-bit integer too. `1E` is exa (a decimalSI), `1E3` an exponent, `1e` nothing.
 *
 * Values are kept exact (coefficient × 10^exponent10 × 2^exponent2) because a comparison such as
 * "request above limit" must not depend on floating-point rounding, and the numbers emitted for
 * KFP's deprecated numeric fields must print the same digits the user wrote.
 */

export interface Quantity {
  sign: -1 | 0 | 1;
  /** Significant digits without leading or trailing zeros (0n for zero). */
  coefficient: bigint;
  exponent10: number;
  /** 10, 20, … 60 for Ki … Ei. */
  exponent2: number;
  /** The suffix as written: '', 'm', 'Ki', 'e3'… */
  suffix: string;
}

const QUANTITY = /^([+-]?)(?:(\d+)(?:\.(\d*))?|\.(\d+))(?:(Ki|Mi|Gi|Ti|Pi|Ei)|[eE]([+-]?\d+)|(m|k|M|G|T|P|E)?)$/;

const BINARY_EXPONENT: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL_EXPONENT: Record<string, number> = { m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const INT32_MAX = 2 ** 31 - 1;

export function parseQuantity(text: string): Quantity | undefined {
  if (typeof text !== 'string') return undefined;
  const match = QUANTITY.exec(text);
  if (!match) return undefined;
  const [, sign, integerDigits = '', fractionDigits = '', bareFraction, binary, exponent, decimal = ''] = match;
  let suffixExponent10: number;
  if (exponent !== undefined) {
    suffixExponent10 = Number(exponent);
    if (!Number.isSafeInteger(suffixExponent10) || Math.abs(suffixExponent10) > INT32_MAX) return undefined;
  } else {
    suffixExponent10 = binary ? 0 : DECIMAL_EXPONENT[decimal];
  }
  const fraction = bareFraction ?? fractionDigits;
  const { digits, trailingZeros } = significantDigits(integerDigits + fraction);
  const isZero = digits === '';
  return {
    sign: isZero ? 0 : sign === '-' ? -1 : 1,
    coefficient: isZero ? 0n : BigInt(digits),
    exponent10: isZero ? 0 : suffixExponent10 - fraction.length + trailingZeros,
    exponent2: isZero ? 0 : binary ? BINARY_EXPONENT[binary] : 0,
    suffix: binary ?? (exponent !== undefined ? text.slice(text.search(/[eE]/)) : decimal),
  };
}

function significantDigits(all: string): { digits: string; trailingZeros: number } {
  const withoutLeading = all.replace(/^0+/, '');
  const digits = withoutLeading.replace(/0+$/, '');
  return { digits, trailingZeros: withoutLeading.length - digits.length };
}

const LOG10_2 = Math.log10(2);

/** log10 of the magnitude, rounded down to within one: enough to order quantities far apart. */
const roughMagnitude = (q: Quantity) => q.coefficient.toString().length - 1 + q.exponent10 + q.exponent2 * LOG10_2;

export function compareQuantities(a: Quantity, b: Quantity): -1 | 0 | 1 {
  if (a.sign !== b.sign) return a.sign < b.sign ? -1 : 1;
  if (a.sign === 0) return 0;
  const magnitude = compareMagnitudes(a, b);
  return (a.sign === 1 ? magnitude : -magnitude) as -1 | 0 | 1;
}

function compareMagnitudes(a: Quantity, b: Quantity): -1 | 0 | 1 {
  // Exponents can be ±2^31; scaling both sides to a common exponent is only affordable when the
  // magnitudes are close, and then the exponents differ by little more than the digits written.
  const rough = roughMagnitude(a) - roughMagnitude(b);
  if (rough > 2) return 1;
  if (rough < -2) return -1;
  const e10 = Math.min(a.exponent10, b.exponent10);
  const e2 = Math.min(a.exponent2, b.exponent2);
  const scaled = (q: Quantity) => q.coefficient * 10n ** BigInt(q.exponent10 - e10) * 2n ** BigInt(q.exponent2 - e2);
  const left = scaled(a);
  const right = scaled(b);
  return left === right ? 0 : left < right ? -1 : 1;
}

/**
 * The value × 10^shift as the nearest double. Binary suffixes only ever multiply, so the exact value
 * is a finite decimal; JS parses `<integer>e<exponent>` with correct rounding, which prints back as
 * the shortest decimal (0.3, not 0.30000000000000004).
 */
function toNumber(q: Quantity, shift: number): number {
  if (q.sign === 0) return 0;
  const integer = q.coefficient * 2n ** BigInt(q.exponent2);
  return Number(`${q.sign < 0 ? '-' : ''}${integer}e${q.exponent10 + shift}`);
}

/** CPU cores ('250m' → 0.25); NaN when the text is not a quantity. */
export function quantityToCores(text: string): number {
  const q = parseQuantity(text);
  return q ? toNumber(q, 0) : Number.NaN;
}

/** Bytes in units of 10^9 ('256Mi' → 0.268435456, '1G' → 1); NaN when the text is not a quantity. */
export function quantityToDecimalGigabytes(text: string): number {
  const q = parseQuantity(text);
  return q ? toNumber(q, -9) : Number.NaN;
}

export type QuantityKind = 'cpu' | 'memory' | 'gpu';

export interface QuantityIssue {
  severity: 'error' | 'warning';
  code: `E_${string}` | `W_${string}`;
  message: string;
}

const EXAMPLES: Record<QuantityKind, string> = {
  cpu: '500m, 2, 0.5',
  memory: '512Mi, 1G, 2Gi',
  gpu: '0, 1, 2',
};

const ONE_MEBIBYTE = parseQuantity('1Mi')!;

/**
 * What is wrong with a resource amount, with its severity, for the validator. Only a regex and,
 * for memory, one comparison: the designer calls it on every keystroke.
 */
export function quantityIssue(kind: QuantityKind, text: string): QuantityIssue | undefined {
  const shown = JSON.stringify(text);
  if (text.trim() === '') {
    return { severity: 'error', code: 'E_QUANTITY_EMPTY', message: `the ${label(kind)} is empty; write an amount (e.g. ${EXAMPLES[kind]})` };
  }
  if (kind === 'gpu') return gpuIssue(text, shown);
  const quantity = parseQuantity(text);
  if (!quantity) {
    const hint = kind === 'memory' ? memoryUnitHint(text) : '';
    return { severity: 'error', code: 'E_QUANTITY_SYNTAX', message: `${shown} is not a Kubernetes quantity (e.g. ${EXAMPLES[kind]})${hint}` };
  }
  if (quantity.sign < 0) {
    return { severity: 'error', code: 'E_QUANTITY_NEGATIVE', message: `${shown} is negative; a ${label(kind)} must be 0 or more (e.g. ${EXAMPLES[kind]})` };
  }
  if (kind === 'memory' && quantity.suffix === 'm') {
    const number = text.slice(0, -1);
    return {
      severity: 'error',
      code: 'E_MEMORY_MILLI',
      message: `${shown} means ${number} thousandths of a byte (m is milli, not mega); write ${number}M (10^6 bytes) or ${number}Mi (2^20 bytes)`,
    };
  }
  if (kind === 'memory' && quantity.sign > 0 && compareQuantities(quantity, ONE_MEBIBYTE) < 0) {
    const fix = quantity.suffix === '' ? `add a unit (e.g. ${text}Gi or ${text}G)` : 'use a larger unit (e.g. Mi, Gi)';
    return { severity: 'warning', code: 'W_MEMORY_TINY', message: `${shown} is only ${toNumber(quantity, 0)} bytes, too little for any container; ${fix}` };
  }
  return undefined;
}

/** The user-facing message for a cpu/memory/gpu amount, or undefined when it is fine. */
export function quantityProblem(kind: QuantityKind, text: string): string | undefined {
  return quantityIssue(kind, text)?.message;
}

const label = (kind: QuantityKind) => (kind === 'cpu' ? 'CPU amount' : kind === 'memory' ? 'memory amount' : 'GPU count');

function gpuIssue(text: string, shown: string): QuantityIssue | undefined {
  if (/^\d+$/.test(text)) return undefined;
  const negative = /^-\d+$/.test(text);
  return {
    severity: 'error',
    code: negative ? 'E_QUANTITY_NEGATIVE' : 'E_GPU_COUNT',
    message: negative
      ? `${shown} is negative; the GPU count must be 0 or more (e.g. ${EXAMPLES.gpu})`
      : `${shown} is not a whole number of GPUs; write digits only (e.g. ${EXAMPLES.gpu})`,
  };
}

/** `1GB`, `1gi`, `512 Mi`: the unit was meant, only its spelling is off. */
function memoryUnitHint(text: string): string {
  const match = /^\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*([kmgtpe])i?b?\s*$/i.exec(text);
  if (!match) return '';
  const [, number, unit] = match;
  const letter = unit.toLowerCase();
  const decimal = letter === 'k' ? 'k' : unit.toUpperCase();
  const power = 'kmgtpe'.indexOf(letter) + 1;
  return `; write ${number}${decimal} (10^${3 * power} bytes) or ${number}${unit.toUpperCase()}i (2^${10 * power} bytes)`;
}
