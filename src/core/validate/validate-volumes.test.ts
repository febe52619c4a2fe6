import { describe, expect, it } from 'vitest';
import type { Service, VolumeEntry } from '../model/types';
import { pipelineOf, task, withExecutor, withPipeline } from './test-pipelines';
import { validatePipeline } from './validate';

const like = (fields: Record<string, unknown>) => expect.objectContaining(fields);
const withVolumes = (...persistent_volumes: VolumeEntry[]) => withExecutor(pipelineOf(task('train')), { persistent_volumes });

describe('persistent volumes', () => {
  it('accept a valid claim at an absolute path', () => {
    expect(validatePipeline(withVolumes({ claim: 'training-data', mountPath: '/mnt/data' }))).toEqual([]);
  });

  it('need a DNS-1123 claim name', () => {
    expect(validatePipeline(withVolumes({ claim: 'Training_Data', mountPath: '/mnt/data' }))).toEqual([
      like({ code: 'E_VOLUME_CLAIM_NAME', severity: 'error', field: 'executor.persistent_volumes.Training_Data' }),
    ]);
  });

  it('need an absolute mount path', () => {
    expect(validatePipeline(withVolumes({ claim: 'data', mountPath: 'mnt/data' }))).toEqual([
      like({ code: 'E_VOLUME_MOUNT_PATH', severity: 'error', field: 'executor.persistent_volumes.data', message: expect.stringContaining('/mnt/data') }),
    ]);
  });

  it('refuse a claim mounted twice', () => {
    expect(validatePipeline(withVolumes({ claim: 'data', mountPath: '/a' }, { claim: 'data', mountPath: '/b' }))).toEqual([
      like({ code: 'E_VOLUME_CLAIM_DUPLICATE', severity: 'error', field: 'executor.persistent_volumes.data' }),
    ]);
  });

  it('refuse two volumes at one path', () => {
    expect(validatePipeline(withVolumes({ claim: 'a', mountPath: '/mnt/' }, { claim: 'b', mountPath: '/mnt' }))).toEqual([
      like({ code: 'E_VOLUME_MOUNT_DUPLICATE', severity: 'error', field: 'executor.persistent_volumes.b' }),
    ]);
  });
});

describe('volumes of the run log store and the catalog', () => {
  const services = (...extra: Service[]): Service[] => [
    { key: 'run_log_store', type: 'k8s-pvc', config: { persistent_volume_name: 'run-logs', mount_path: '/mnt/run_log_store' } },
    ...extra,
  ];

  it('count with the executor volumes: one claim once in the whole pipeline', () => {
    const p = withPipeline(withVolumes({ claim: 'run-logs', mountPath: '/data' }), { services: services() });
    expect(validatePipeline(p)).toEqual([like({ code: 'E_VOLUME_CLAIM_DUPLICATE', field: 'services.run_log_store.persistent_volume_name', message: expect.stringContaining('the executor config') })]);
  });

  it('include a k8s-pvc catalog', () => {
    const catalog: Service = { key: 'catalog', type: 'chunked-k8s-pvc', config: { persistent_volume_name: 'run-logs', mount_path: '/mnt/catalog' } };
    expect(validatePipeline(withPipeline(pipelineOf(task('train')), { services: services(catalog) }))).toEqual([
      like({ code: 'E_VOLUME_CLAIM_DUPLICATE', field: 'services.catalog.persistent_volume_name' }),
    ]);
    const separate = { ...catalog, config: { persistent_volume_name: 'catalog', mount_path: '/mnt/catalog' } };
    expect(validatePipeline(withPipeline(pipelineOf(task('train')), { services: services(separate) }))).toEqual([]);
  });

  it('need a claim name and a mount path', () => {
    const store: Service = { key: 'run_log_store', type: 'k8s-pvc', config: {} };
    expect(validatePipeline(withPipeline(pipelineOf(task('train')), { services: [store] }))).toEqual([
      like({ code: 'E_VOLUME_CLAIM_MISSING', field: 'services.run_log_store.persistent_volume_name' }),
      like({ code: 'E_VOLUME_MOUNT_PATH', field: 'services.run_log_store.mount_path' }),
    ]);
  });
});
