import { describe, expect, it } from 'vitest';
import { loadPipeline } from '../transpile';
import { exportMagnus } from './export';
import { importMagnus } from './import';

/**
 * magnus before 0.4.0 (2021–2022) read `mode`, `run_log_store`, `catalog` and `secrets` from the
 * dag file whenever the config file had none of them ("configuration over-rides everything",
 * magnus/pipeline.py `prepare_configurations` of that time).
 */
const EARLY = `mode:
  type: kfp
  config:
    docker_image: early:1
run_log_store:
  type: k8s-pvc
  config: {persistent_volume_name: logs, mount_path: /mnt/logs}
dag:
  start_at: hello
  steps:
    hello:
      type: as-is
      next: success
    success: {type: success}
    fail: {type: fail}
`;

describe('services in a magnus <0.4.0 dag file', () => {
  it('are read when there is no config file, and the era says so from that evidence', () => {
    const result = loadPipeline({ dag: { text: EARLY } });
    const pipeline = result.pipeline!;
    expect(pipeline.executor).toEqual({ docker_image: 'early:1', inDagFile: true, profiles: [] });
    expect(pipeline.services).toEqual([{ key: 'run_log_store', type: 'k8s-pvc', config: { persistent_volume_name: 'logs', mount_path: '/mnt/logs' }, inDagFile: true }]);
    expect(result.era.summary).toBe('written for magnus <0.4.0 (step type `as-is`, services in the dag file (`mode:`, `run_log_store:`, `catalog:`, `secrets:`))');
    // The containers re-read the dag file, which carries them: nothing is missing.
    expect(result.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(result.diagnostics.find((d) => d.code === 'I_DAG_FILE_SERVICE')).toMatchObject({ file: 'dag', line: 1, column: 1 });
  });

  it('give way to the config file’s, service by service', () => {
    const config = 'mode:\n  type: kfp\n  config: {docker_image: from-config:1}\n';
    const result = importMagnus({ dag: { text: EARLY }, config: { text: config } });
    expect(result.pipeline!.executor.docker_image).toBe('from-config:1');
    expect(result.pipeline!.executor.inDagFile).toBeUndefined();
    expect(result.pipeline!.services.map((s) => [s.key, s.inDagFile])).toEqual([['run_log_store', true]]);
    expect(result.diagnostics.find((d) => d.code === 'I_DAG_FILE_SERVICE_SHADOWED')).toMatchObject({ file: 'dag', line: 1 });
  });

  it('are written back into the dag file, so the round trip keeps them where the containers find them', () => {
    const first = importMagnus({ dag: { text: EARLY } });
    const files = exportMagnus(first.pipeline!);
    expect(files.dag.startsWith('mode:\n  type: kfp\n')).toBe(true);
    expect(files.dag).toContain('\nrun_log_store:\n');
    expect(files.config).not.toContain('executor');
    const again = importMagnus({ dag: { text: files.dag }, config: { text: files.config } });
    expect(again.pipeline).toEqual(first.pipeline);
  });

  it('is not claimed for a key that is only an anchor’s parking place', () => {
    const parked = EARLY.replace('mode:\n  type: kfp\n  config:\n    docker_image: early:1\n', 'mode: &m\n  image: early:1\n');
    const result = importMagnus({ dag: { text: parked } });
    expect(result.diagnostics.find((d) => d.code === 'I_TOP_LEVEL_KEY')).toMatchObject({ message: expect.stringContaining('`mode`') });
    expect(result.pipeline!.executor.docker_image).toBeUndefined();
  });
});
