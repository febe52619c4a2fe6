import { describe, expect, it } from 'vitest';
import { checkKfpV2Yaml } from './kfp-v2.ts';
import { parsesAsStruct, surelyParses } from './kfp-v2-proto.ts';
import { KFP_V2_SAMPLE } from './kfp-v2-sample.ts';
import { isRepeatedValue, readBlockYaml } from './yaml-block-reader.ts';
import { parseYamlDocuments, parseYamlDocumentsWithLibrary } from './yaml-documents.ts';

/** Tests read documents freely. */
type Doc = any;

/**
 * The checker reads and checks the sample before the first large text of a process: it must go
 * through the same code as an emitted pipeline (the block reader, the walk, the rules), and cheaply.
 */
describe('the KFP v2 sample the checker reads first', () => {
  it('is read by the block reader, as the yaml package reads it', () => {
    expect(readBlockYaml(KFP_V2_SAMPLE)).toBeDefined();
    expect(parseYamlDocuments(KFP_V2_SAMPLE)).toStrictEqual(parseYamlDocumentsWithLibrary(KFP_V2_SAMPLE));
  });

  it('holds blocks whose text repeats, and the constructs of the layout', () => {
    const [spec, platform] = readBlockYaml(KFP_V2_SAMPLE)!.docs as Doc[];
    const executors = platform.platforms.kubernetes.deploymentSpec.executors;
    expect(executors['exec-b']).toBe(executors['exec-a']);
    expect(isRepeatedValue(executors['exec-a'])).toBe(true);
    expect(spec.deploymentSpec.executors['exec-b'].container.resources).toBe(spec.deploymentSpec.executors['exec-a'].container.resources);
    expect(spec.deploymentSpec.executors['exec-a'].container.args).toEqual([
      "{{$.inputs.parameters['run_id']}}",
      "{{$.inputs.parameters['lr']}}",
      'say "hi" é',
      'a: b',
      'host:8080',
      'one\ntwo\n',
      'three',
      'four\n\n',
    ]);
    expect(spec.root.dag.tasks.a.cachingOptions).toEqual({});
    expect(spec.root.dag.tasks.a.dependentTasks).toEqual([]);
    expect(executors['exec-a'].nodeSelector.labels).toEqual({ 'kubernetes.io/os': 'linux' });
  });

  it('passes the check, vouched for by the walk alone (so reading it never sets up bufbuild)', () => {
    expect(checkKfpV2Yaml(KFP_V2_SAMPLE)).toEqual({ ok: true, problems: [] });
    const [spec, platform] = readBlockYaml(KFP_V2_SAMPLE)!.docs as Doc[];
    expect(surelyParses('ml_pipelines.PipelineSpec', { ...spec, deploymentSpec: {} })).toBe(true);
    expect(surelyParses('ml_pipelines.PipelineDeploymentConfig', spec.deploymentSpec)).toBe(true);
    expect(parsesAsStruct(spec.deploymentSpec)).toBe(true);
    const executors = platform.platforms.kubernetes.deploymentSpec.executors;
    for (const config of Object.values(executors)) {
      expect(surelyParses('kfp_kubernetes.KubernetesExecutorConfig', config)).toBe(true);
      expect(parsesAsStruct(config)).toBe(true);
    }
    expect(surelyParses('ml_pipelines.PlatformSpec', { platforms: { kubernetes: { deploymentSpec: { executors: {} } } } })).toBe(true);
  });
});
