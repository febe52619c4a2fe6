import { describe, expect, it } from 'vitest';
import { assignOwn, ownRecord, ownValue, setOwn } from './own';

const NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'step 1'];

describe('records keyed by user data', () => {
  it.each([
    ['a plain object', () => ({}) as Record<string, number>, Object.prototype],
    ['a record without a prototype', () => ownRecord<number>(), null],
  ])('setOwn stores every name as an own key of %s, never as its prototype', (_, make, prototype) => {
    const record = make();
    NAMES.forEach((name, i) => setOwn(record, name, i));
    expect(Object.getPrototypeOf(record)).toBe(prototype);
    expect(Object.keys(record)).toEqual(NAMES);
    NAMES.forEach((name, i) => expect(ownValue(record, name)).toBe(i));
    expect(Object.getOwnPropertyDescriptor(record, '__proto__')).toEqual({ value: 0, enumerable: true, writable: true, configurable: true });
    const copy = assignOwn(ownRecord<number>(), record);
    expect(Object.entries(copy)).toEqual(Object.entries(record));
    expect(ownValue(ownRecord<number>(), 'constructor')).toBeUndefined();
  });
});
