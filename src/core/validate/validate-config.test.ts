import { describe, expect, it } from 'vitest';
import type { Pipeline, Service } from '../model/types';
import { pipelineOf, task, withExecutor, withPipeline } from './test-pipelines';
import { validatePipeline } from './validate';

const like = (fields: Record<string, unknown>) => expect.objectContaining(fields);
const base = () => pipelineOf(task('train'));
const withServices = (...services: Service[]) => withPipeline(base(), { services });
const withFiles = (files: Partial<Pipeline['files']>) => withPipeline(base(), { files: { ...base().files, ...files } });

describe('the run log store', () => {
  it('must exist when there is a config file', () => {
    expect(validatePipeline(withServices())).toEqual([
      like({ code: 'E_RUN_LOG_STORE_BUFFERED', severity: 'error', field: 'services.run_log_store', message: expect.stringContaining('buffered run log store (magnus\'s default)') }),
    ]);
  });

  it('may not be buffered', () => {
    expect(validatePipeline(withServices({ key: 'run-log-store', type: 'buffered' }))).toEqual([like({ code: 'E_RUN_LOG_STORE_BUFFERED', field: 'services.run-log-store' })]);
  });

  it('on the container file system is a warning', () => {
    expect(validatePipeline(withServices({ key: 'run_log_store', type: 'file-system' }))).toEqual([
      like({ code: 'W_SERVICE_FILE_SYSTEM', severity: 'warning', field: 'services.run_log_store' }),
    ]);
  });

  it('on the file system of a mounted volume is fine', () => {
    const p = withExecutor(withServices({ key: 'run_log_store', type: 'file-system', config: { log_folder: '/mnt/shared/logs' } }), {
      persistent_volumes: [{ claim: 'shared', mountPath: '/mnt/shared' }],
    });
    expect(validatePipeline(p)).toEqual([]);
  });
});

describe('the catalog', () => {
  const store: Service = { key: 'run_log_store', type: 'k8s-pvc', config: { persistent_volume_name: 'logs', mount_path: '/mnt/logs' } };

  it('on the container file system is a warning', () => {
    expect(validatePipeline(withServices(store, { key: 'catalog', type: 'file-system' }))).toEqual([like({ code: 'W_SERVICE_FILE_SYSTEM', field: 'services.catalog' })]);
  });

  it('defaults to the file system, which matters only when steps use it', () => {
    const p = withPipeline(pipelineOf(task('train', 'success', { catalog: { put: ['model.pkl'] } })), { services: [store] });
    expect(validatePipeline(p)).toEqual([like({ code: 'W_SERVICE_FILE_SYSTEM', field: 'services.catalog' })]);
    expect(validatePipeline(withServices(store))).toEqual([]);
  });
});

describe('without a config file', () => {
  it('warns that the containers run on magnus defaults', () => {
    expect(validatePipeline(withPipeline(base(), { files: { dag: 'pipeline.yaml' }, services: [] }))).toEqual([
      like({ code: 'W_CONFIG_FILE_MISSING', severity: 'warning', field: 'files.config' }),
    ]);
  });
});

describe('output_file', () => {
  it('notes when output_file is named like the pipeline file, as both defaults are', () => {
    expect(validatePipeline(withExecutor(base(), { output_file: undefined }))).toEqual([like({ code: 'I_OUTPUT_NAMED_LIKE_DAG', severity: 'info', field: 'executor.output_file' })]);
    expect(validatePipeline(withExecutor(withFiles({ dag: './flows/train.yaml' }), { output_file: 'flows/train.yaml' }))).toEqual([like({ code: 'I_OUTPUT_NAMED_LIKE_DAG' })]);
    expect(validatePipeline(withExecutor(base(), { output_file: 'kfp.yaml' }))).toEqual([]);
  });
});

describe('paths and tag in the container command', () => {
  it.each([
    ['dag', 'my pipeline.yaml'],
    ['config', "it's.yaml"],
    ['parameters', 'params\\prod.yaml'],
  ] as const)('refuse whitespace, quotes and backslashes in files.%s', (key, path) => {
    expect(validatePipeline(withFiles({ [key]: path }))).toEqual([like({ code: 'E_FILE_PATH_UNSAFE', severity: 'error', field: `files.${key}` })]);
  });

  it('accept ordinary relative paths', () => {
    expect(validatePipeline(withFiles({ dag: 'flows/train-v2.yaml', parameters: 'params/prod.yaml' }))).toEqual([]);
  });

  it('refuse an empty path', () => {
    expect(validatePipeline(withFiles({ config: '' }))).toContainEqual(like({ code: 'E_FILE_PATH_EMPTY', field: 'files.config' }));
  });

  it('refuse whitespace in the tag', () => {
    expect(validatePipeline(withPipeline(base(), { tag: 'nightly run' }))).toEqual([like({ code: 'E_TAG_UNSAFE', severity: 'error', field: 'tag' })]);
    expect(validatePipeline(withPipeline(base(), { tag: 'nightly-run' }))).toEqual([]);
  });
});
