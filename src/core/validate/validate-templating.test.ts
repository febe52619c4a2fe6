import { describe, expect, it } from 'vitest';
import { checkArgoWorkflowYaml } from '../check/argo';
import { checkKfpV2Yaml } from '../check/kfp-v2';
import { EMIT_TARGETS } from '../emit/index';
import { ITERATE_ON_OUTPUT, RUN_ID_INPUT } from '../emit/kfp-v2-container';
import { transpile } from '../transpile';
import { RESERVED_PARAMETER } from './validate-parameters';

const CONFIG = `executor:
  type: kfp
  config:
    docker_image: IMAGE
    env: {MODE: ENV_VALUE}
    annotations: {owner: LABEL}
run_log_store:
  type: k8s-pvc
  config: {persistent_volume_name: logs, mount_path: /mnt/logs}
`;

const DAG = `dag:
  description: DESCRIPTION
  start_at: STEP
  steps:
    STEP:
      type: task
      command: m.f
      next: success
    success: {type: success}
    fail: {type: fail}
`;

const PARAMETERS = 'x: PARAMETER\n';

/** One input with `{{…}}` put in one place; everything else is clean. */
function withBraces(where: 'IMAGE' | 'ENV_VALUE' | 'LABEL' | 'DESCRIPTION' | 'STEP' | 'PARAMETER') {
  const put = (text: string) =>
    text
      .replaceAll(where, where === 'STEP' ? 'train {{x}}' : '"{{workflow.name}}"')
      .replaceAll('IMAGE', 'img:1')
      .replaceAll('ENV_VALUE', 'batch')
      .replaceAll('LABEL', 'ml')
      .replaceAll('DESCRIPTION', 'clean')
      .replaceAll('STEP', 'train')
      .replaceAll('PARAMETER', '3');
  return { dag: { text: put(DAG) }, config: { text: put(CONFIG) }, parameters: { text: put(PARAMETERS) } };
}

describe('`{{…}}` in a text that lands in the workflow', () => {
  it.each<[Parameters<typeof withBraces>[0], string, string, number]>([
    ['IMAGE', 'config', 'executor.docker_image', 4],
    ['ENV_VALUE', 'config', 'executor.env.MODE', 5],
    ['LABEL', 'config', 'executor.annotations.owner', 6],
    ['DESCRIPTION', 'dag', 'description', 2],
    ['STEP', 'dag', 'name', 5],
    ['PARAMETER', 'parameters', 'parameters.x', 1],
  ])('in %s: a positioned error in every target, never an internal error of the strict check', (where, file, field, line) => {
    for (const target of EMIT_TARGETS) {
      const result = transpile(withBraces(where), { target });
      expect(result.text, target).toBeUndefined();
      expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([expect.objectContaining({ code: 'E_TEMPLATE_BRACES', file, field, line })]);
    }
  });

  it('a clean pipeline passes the checks in every target (the cases above differ from it in one text only)', () => {
    const clean = { dag: { text: DAG.replaceAll('DESCRIPTION', 'clean').replaceAll('STEP', 'train') }, config: { text: CONFIG.replace('IMAGE', 'img:1').replace('ENV_VALUE', 'x').replace('LABEL', 'ml') } };
    for (const target of EMIT_TARGETS) {
      const result = transpile(clean, { target });
      expect(result.text, target).toBeDefined();
      expect((target === 'kfp-v2' ? checkKfpV2Yaml : checkArgoWorkflowYaml)(result.text!).problems).toEqual([]);
    }
  });
});

describe('names the emitters give inputs of their own', () => {
  it('are the ones the validator reserves', () => {
    expect(RUN_ID_INPUT).toBe(RESERVED_PARAMETER);
  });

  const mapDag = (iterateAs: string) => `dag:
  start_at: each
  steps:
    each:
      type: map
      iterate_on: items
      iterate_as: ${iterateAs}
      next: success
      branch:
        start_at: work
        steps:
          work: {type: task, command: m.work, next: success}
          success: {type: success}
          fail: {type: fail}
    success: {type: success}
    fail: {type: fail}
`;

  it.each([RUN_ID_INPUT, ITERATE_ON_OUTPUT])('a map whose iterate_as is `%s` is refused at its iterate_as, in every target', (name) => {
    for (const target of EMIT_TARGETS) {
      const result = transpile({ dag: { text: mapDag(name) }, config: { text: CONFIG.replace('IMAGE', 'img:1').replace('ENV_VALUE', 'x').replace('LABEL', 'ml') } }, { target });
      expect(result.text).toBeUndefined();
      expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([expect.objectContaining({ code: 'E_MAP_ITERATE_AS_RESERVED', step: 'each', field: 'iterate_as', line: 7 })]);
    }
  });
});
