import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { fieldId, fieldIdCandidates, rowFieldIds } from './field-id';
import { diagnosticsFor, liveSettingProblem, mergeMessages } from './field-messages';
import { loadYamlParser, parameterValueText, parseParameterValue, plainText, valueTypeName } from './parameter-value';
import { joinSecretRef, parseSecretShorthand, splitSecretRef } from './secret-text';
import { describeResolution, resolutionOf } from './variable-hint';

describe('parseSecretShorthand', () => {
  it('reads EnvVar=SecretName:Key', () => {
    expect(parseSecretShorthand('AWS_KEY=aws-secret:key')).toEqual({ entry: { env: 'AWS_KEY', ref: 'aws-secret:key' } });
    expect(parseSecretShorthand('  AWS_KEY = aws-secret:key ')).toEqual({ entry: { env: 'AWS_KEY', ref: 'aws-secret:key' } });
  });
  it('refuses a ref without `:` with a message that shows the right form and never repeats what was typed (it may be the secret)', () => {
    const result = parseSecretShorthand('AWS_KEY=hunter2-secret-value');
    expect(result).toEqual({ error: expect.stringContaining('the value (no `:`) is not "SecretName:Key"') });
    expect(JSON.stringify(result)).not.toContain('hunter2');
    for (const typed of ['hunter2-secret-value', 'KEY=:hunter2-secret-value', 'KEY=hunter2-secret-value:', 'KEY=Hunter2_Value:k', 'KEY=s:hunter2 value', 'KEY=a:b:hunter2']) {
      expect(JSON.stringify(parseSecretShorthand(typed)), typed).not.toMatch(/hunter2/i);
    }
  });
  it('refuses text without `=`, empty text, bad names and a variable that already has a secret', () => {
    expect(parseSecretShorthand('AWS_KEY')).toEqual({ error: expect.stringContaining('has no `=`') });
    expect(parseSecretShorthand('')).toEqual({ error: expect.stringContaining('EnvVar=SecretName:Key') });
    expect(parseSecretShorthand('1KEY=a:b')).toEqual({ error: expect.stringContaining('not a valid environment variable name') });
    expect(parseSecretShorthand('KEY=Bad_Name:b')).toEqual({ error: expect.stringContaining('not a valid Kubernetes secret name') });
    expect(parseSecretShorthand('KEY=a:b', [{ env: 'KEY', ref: 'x:y' }])).toEqual({ error: expect.stringContaining('row 1') });
  });
  it('accepts what is only a warning (a name shells cannot read)', () => {
    expect(parseSecretShorthand('my.key=a:b')).toEqual({ entry: { env: 'my.key', ref: 'a:b' } });
  });
});

describe('secret ref parts', () => {
  it('splits at the first colon and joins back without inventing a colon', () => {
    expect(splitSecretRef('aws:key')).toEqual({ secret: 'aws', key: 'key', hasColon: true });
    expect(splitSecretRef('a:b:c')).toEqual({ secret: 'a', key: 'b:c', hasColon: true });
    expect(splitSecretRef('raw')).toEqual({ secret: 'raw', key: '', hasColon: false });
    for (const ref of ['aws:key', 'a:b:c', 'raw', ':', 'a:', ':b', '']) expect(joinSecretRef(splitSecretRef(ref))).toBe(ref);
    expect(joinSecretRef({ ...splitSecretRef('raw'), key: 'k' })).toBe('raw:k');
  });
});

describe('parameter values', () => {
  beforeAll(() => loadYamlParser());
  it('parses YAML scalars with their types', () => {
    expect(parseParameterValue('3')).toEqual({ value: 3 });
    expect(parseParameterValue('0.01')).toEqual({ value: 0.01 });
    expect(parseParameterValue('abc')).toEqual({ value: 'abc' });
    expect(parseParameterValue('true')).toEqual({ value: true });
    expect(parseParameterValue('"3"')).toEqual({ value: '3' });
    expect(parseParameterValue('[1, a]')).toEqual({ value: [1, 'a'] });
    expect(parseParameterValue('{a: 1}')).toEqual({ value: { a: 1 } });
    expect(parseParameterValue('')).toEqual({ value: null });
  });
  it('keeps text that is not a plain YAML value literally, saying so', () => {
    expect(parseParameterValue('[1,')).toEqual({ value: '[1,', note: expect.any(String) });
    expect(parseParameterValue('.inf')).toEqual({ value: '.inf', note: expect.any(String) });
    expect(parseParameterValue('a # note')).toEqual({ value: 'a # note', note: expect.any(String) });
  });
  it('writes values so that they parse back to the same value', () => {
    for (const value of [3, 0.01, 'abc', '3', 'true', true, null, 'null', '', [1, 'a'], { a: 1 }, 'a: b', '[1,']) {
      expect(parseParameterValue(parameterValueText(value)).value).toEqual(value);
    }
    expect(parameterValueText('abc')).toBe('abc');
    expect(parameterValueText('3')).toBe('"3"');
  });
  it('tells plain strings without the parser exactly as the parser would', () => {
    const unit = fc.constantFrom('a', 'Z', '0', '1', 'e', 'x', 'o', '.', '-', '+', '_', ' ', ':', '#', '/', '~', 'n', 'u', 'l', 't', 'r', 'N', '=', '(', ',', '[', '{', '"', "'", '!', '&', '*', '%', '@', '|', '>', '?', '\t', 'é');
    const words = fc.constantFrom('null', 'Null', 'true', 'FALSE', '.inf', '-.Inf', '.nan', '0x1F', '0o17', '1e3', '1_000', 'a: b', 'a #b', '---', '...', 'http://x', 'yes');
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit, maxLength: 8 }), words, fc.tuple(words, fc.string({ unit, maxLength: 3 })).map(([w, s]) => w + s)), (text) => {
        const told = plainText(text);
        if (told === undefined) return;
        const back = parseParameterValue(text);
        expect(back.note === undefined && back.value === text).toBe(told);
      }),
      { numRuns: 5000 },
    );
  });
  it('names the type', () => {
    expect([3, 0.5, 'a', true, null, [], {}].map(valueTypeName)).toEqual(['integer', 'number', 'string', 'boolean', 'null', 'list', 'mapping']);
  });
});

describe('fieldId', () => {
  it('is deterministic, whitespace free and separates steps from the pipeline', () => {
    expect(fieldId('prepare data', 'kfp.memory_limit')).toBe(fieldId('prepare data', 'kfp.memory_limit'));
    expect(fieldId('prepare data', 'command')).not.toMatch(/\s/);
    expect(fieldId(undefined, 'executor.cpu_limit')).not.toBe(fieldId('@pipeline', 'executor.cpu_limit'));
    expect(fieldId('a', 'next')).not.toBe(fieldId('b', 'next'));
  });
  it('falls back from a field to its sections, then to the form', () => {
    expect(fieldIdCandidates('train', 'kfp.secrets_from_k8s.AWS_KEY')).toEqual([
      fieldId('train', 'kfp.secrets_from_k8s.AWS_KEY'),
      fieldId('train', 'kfp.secrets_from_k8s'),
      fieldId('train', 'kfp'),
      fieldId('train', 'name'),
    ]);
    expect(fieldIdCandidates(undefined, 'parameters.x')).toEqual([fieldId(undefined, 'parameters.x'), fieldId(undefined, 'parameters'), fieldId(undefined, 'description')]);
    expect(fieldIdCandidates('train', 'command')).toEqual([fieldId('train', 'command'), fieldId('train', 'name')]);
    expect(fieldIdCandidates('train', undefined)).toEqual([fieldId('train', 'name')]);
    expect(fieldIdCandidates(undefined, 'files.dag')[0]).toBe(fieldId(undefined, 'files.dag'));
  });
  it('gives the first row of a name the field id and later duplicates their own', () => {
    const ids = rowFieldIds(undefined, 'parameters', ['x', 'y', 'x']);
    expect(ids[0]).toBe(fieldId(undefined, 'parameters.x'));
    expect(ids[1]).toBe(fieldId(undefined, 'parameters.y'));
    expect(new Set(ids).size).toBe(3);
  });
});

describe('field messages', () => {
  const vars = new Map([['cpu', '2'], ['tag', '1.0']]);
  it('checks resource amounts live, after substituting variables', () => {
    expect(liveSettingProblem('cpu_limit', '1.5 cores', vars)?.text).toContain('"1.5 cores" is not a Kubernetes quantity');
    expect(liveSettingProblem('memory_limit', 'abc', vars)?.severity).toBe('error');
    expect(liveSettingProblem('cpu_limit', '${cpu}', vars)).toBeUndefined();
    expect(liveSettingProblem('cpu_limit', '${nope}', vars)).toBeUndefined();
    expect(liveSettingProblem('cpu_request', '', vars)).toBeUndefined();
    expect(liveSettingProblem('cpu_limit', '', vars)?.text).toContain('empty');
    expect(liveSettingProblem('docker_image', 'a b', vars)).toBeUndefined();
  });
  it('does not repeat what the validator says about the same value', () => {
    const live = [{ severity: 'error' as const, text: 'x is bad' }];
    const fromValidator = [
      { severity: 'error' as const, text: 'cpu_limit: x is bad' },
      { severity: 'warning' as const, text: 'other' },
    ];
    expect(mergeMessages(live, fromValidator)).toEqual([live[0], fromValidator[1]]);
  });
  it('picks the diagnostics of one field', () => {
    const diags = [
      { code: 'E', severity: 'error' as const, message: 'a', step: 's', field: 'next' },
      { code: 'E', severity: 'error' as const, message: 'b', field: 'next' },
      { code: 'E', severity: 'error' as const, message: 'c', step: 's', field: 'command' },
    ];
    expect(diagnosticsFor(diags, 's', 'next')).toEqual([{ severity: 'error', text: 'a' }]);
    expect(diagnosticsFor(diags, undefined, 'next')).toEqual([{ severity: 'error', text: 'b' }]);
  });
});

describe('variable hints', () => {
  const vars = new Map([['registry', 'r.io'], ['tag', '1.0']]);
  it('says what a field resolves to, or which variables are missing', () => {
    expect(describeResolution(resolutionOf('${registry}/img:${tag}', vars))).toBe('resolves to r.io/img:1.0');
    expect(describeResolution(resolutionOf('$registry/img:${version}', vars))).toBe('unresolved: version');
    expect(resolutionOf('plain', vars)).toEqual({ kind: 'none' });
  });
});

describe('secrets with variables', () => {
  it('are checked with the variables substituted and stored as written', () => {
    const vars = new Map([['env', 'prod']]);
    expect(parseSecretShorthand('KEY=mlflow-${env}:token', [], vars)).toEqual({ entry: { env: 'KEY', ref: 'mlflow-${env}:token' } });
    expect(parseSecretShorthand('KEY=mlflow-${nope}:token', [], vars)).toEqual({ entry: { env: 'KEY', ref: 'mlflow-${nope}:token' } });
    expect(parseSecretShorthand('KEY=Mlflow-${env}:token', [], vars)).toEqual({ error: expect.stringContaining('the secret name before `:` (character 1 of 11 is not allowed) is not a valid Kubernetes secret name') });
  });
});
