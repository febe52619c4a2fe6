import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { declaredParameters } from '../../deploy/parameters';
import { examplePipeline } from '../store/initial';
import { createDesignerStore } from '../store/store';
import { deploySource } from './deploy-source';
import { loadSettings, loadToken, saveSettings, saveToken, SETTINGS_KEY, TOKEN_KEY } from './deploy-settings';

class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

describe('what the dialog deploys', () => {
  it('names the pipeline after the dag file, and declares the parameters exactly as both emitters do', () => {
    const store = createDesignerStore(examplePipeline());
    const source = deploySource(store);
    expect(source.pipelineName).toBe('train');
    for (const format of ['kfp-v2', 'kfp-v1'] as const) {
      const made = source.emit(format);
      if (!('text' in made)) throw new Error(made.refusal);
      // The parameters the generated file declares, Argo expressions (run_id) aside, are the model's.
      const fromFile = declaredParameters(made.text, format).filter((p) => !String(p.defaultValue).includes('{{'));
      expect(source.parameters).toEqual(fromFile);
      expect(parseAllDocuments(made.text).length).toBe(format === 'kfp-v2' ? 2 : 1);
    }
  });

  it('refuses a format the pipeline cannot be made in, with the first error', () => {
    const store = createDesignerStore(examplePipeline());
    store.getState().apply((p) => ({ ...p, executor: { ...p.executor, cpu_limit: '1.5 cores' } }));
    const made = deploySource(store).emit('kfp-v2');
    expect(made).toEqual({ refusal: expect.stringMatching(/^the pipeline cannot be made as KFP v2, which this server needs: .*1\.5 cores/) });
  });
});

describe('what the dialog remembers', () => {
  it('keeps the choices in local storage and the token in session storage, and reads bad saves as defaults', () => {
    const local = new MemoryStorage();
    const session = new MemoryStorage();
    expect(loadSettings(local)).toEqual({ namespace: '', experiment: 'Default', format: 'auto' });
    saveSettings(local, { namespace: 'team-a', experiment: 'nightly', format: 'kfp-v1', authMode: 'token' });
    expect(loadSettings(local)).toEqual({ namespace: 'team-a', experiment: 'nightly', format: 'kfp-v1', authMode: 'token' });
    saveToken(session, 'tok');
    expect(loadToken(session)).toBe('tok');
    expect(local.getItem(TOKEN_KEY)).toBeNull();
    expect(local.getItem(SETTINGS_KEY)).not.toContain('tok"');
    saveToken(session, '');
    expect(session.getItem(TOKEN_KEY)).toBeNull();
    local.setItem(SETTINGS_KEY, '{"namespace": 5, "format": "argo", "authMode": "server", "experiment": ""}');
    expect(loadSettings(local)).toEqual({ namespace: '', experiment: 'Default', format: 'auto' });
    local.setItem(SETTINGS_KEY, 'not json');
    expect(loadSettings(local)).toEqual({ namespace: '', experiment: 'Default', format: 'auto' });
  });
});
