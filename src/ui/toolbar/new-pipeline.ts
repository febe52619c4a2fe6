import { newStep } from '../../core/model/new-steps';
import { PLACEHOLDER_IMAGE } from '../../core/model/defaults';
import type { Pipeline, TaskStep } from '../../core/model/types';

/**
 * What "New pipeline" starts from: one task, success and fail, and the config a kfp pipeline
 * cannot do without (an image, a run log store every container shares), so it validates and
 * generates at once. The image is a placeholder to replace (a warning says so until it is); the
 * file names match the YAML tabs.
 */
export function newPipeline(): Pipeline {
  return {
    dag: {
      start_at: 'hello',
      steps: [{ ...(newStep('task', 'hello') as TaskStep), next: 'success' }, newStep('success', 'success'), newStep('fail', 'fail')],
    },
    executor: { docker_image: PLACEHOLDER_IMAGE, profiles: [] },
    services: [{ key: 'run_log_store', type: 'chunked-k8s-pvc', config: { persistent_volume_name: 'magnus-run-logs', mount_path: '/mnt/run_log_store' } }],
    parameters: [],
    variables: [],
    files: { dag: 'dag.yaml', config: 'config.yaml' },
    layout: { hello: { x: 0, y: 0 }, success: { x: 0, y: 120 }, fail: { x: 260, y: 120 } },
  };
}
