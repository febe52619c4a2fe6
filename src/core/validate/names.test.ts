import { describe, expect, it } from 'vitest';
import { isCIdentifier, isDns1123Subdomain, isEnvVarName, isParameterName, isSecretKey, parseSecretRef, secretProblem, secretProblems } from './names';

describe('name predicates', () => {
  it.each([
    ['my-secret', true],
    ['a.b-c.d', true],
    ['0abc', true],
    ['a'.repeat(253), true],
    ['a'.repeat(254), false],
    ['My-Secret', false],
    ['my_secret', false],
    ['-abc', false],
    ['abc-', false],
    ['a..b', false],
    ['', false],
  ] as const)('DNS-1123 subdomain %j → %s', (name, ok) => expect(isDns1123Subdomain(name)).toBe(ok));

  it.each([
    ['access_key', true],
    ['.dockerconfigjson', true],
    ['tls.crt', true],
    ['A-b_c.1', true],
    ['', false],
    ['.', false],
    ['..data', false],
    ['a/b', false],
    ['a b', false],
    ['k'.repeat(254), false],
  ] as const)('secret key %j → %s', (key, ok) => expect(isSecretKey(key)).toBe(ok));

  it.each([
    ['AWS_KEY', true, true],
    ['my.env-name', true, false],
    ['_x', true, true],
    ['1ABC', false, false],
    ['A B', false, false],
    ['', false, false],
    ['..x', false, false],
  ] as const)('env var %j → kubernetes %s, C identifier %s', (name, kubernetes, identifier) => {
    expect(isEnvVarName(name)).toBe(kubernetes);
    expect(isCIdentifier(name)).toBe(identifier);
  });

  it.each([
    ['x', true],
    ['learning_rate', true],
    ['batch-size', true],
    ['Epochs2', true],
    ['_x', false],
    ['2x', false],
    ['a b', false],
    ['a.b', false],
    ['', false],
  ] as const)('parameter name %j → %s', (name, ok) => expect(isParameterName(name)).toBe(ok));
});

describe('parseSecretRef', () => {
  it('splits on the one colon', () => {
    expect(parseSecretRef('aws-credentials:access_key')).toEqual({ secret: 'aws-credentials', key: 'access_key' });
    expect(parseSecretRef(':key')).toEqual({ secret: '', key: 'key' });
  });

  it('refuses anything but exactly two parts, like magnus', () => {
    expect(parseSecretRef('aws-credentials')).toBeUndefined();
    expect(parseSecretRef('a:b:c')).toBeUndefined();
  });
});

describe('secretProblem', () => {
  it('accepts a well-formed entry', () => {
    expect(secretProblem('AWS_ACCESS_KEY_ID', 'aws-credentials:access_key')).toBeUndefined();
  });

  it.each([
    ['1KEY', 'aws:key', 'env', 'error'],
    ['', 'aws:key', 'env', 'error'],
    ['MY.KEY', 'aws:key', 'env', 'warning'],
    ['KEY', 'aws', 'format', 'error'],
    ['KEY', 'aws:key:x', 'format', 'error'],
    ['KEY', 'AWS_Creds:key', 'secret', 'error'],
    ['KEY', ':key', 'secret', 'error'],
    ['KEY', 'aws:', 'key', 'error'],
    ['KEY', 'aws:a/b', 'key', 'error'],
  ] as const)('%j = %j → %s (%s)', (env, ref, field, severity) => {
    expect(secretProblem(env, ref)).toMatchObject({ field, severity });
  });

  it('puts errors before the warning about shell-unfriendly names', () => {
    expect(secretProblems('MY.KEY', 'Bad:key').map((p) => p.field)).toEqual(['secret', 'env']);
  });
});
