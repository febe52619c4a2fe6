import { readdirSync, readFileSync } from 'node:fs';
import { fromJson, type DescMessage, type JsonValue } from '@bufbuild/protobuf';
import { StructSchema } from '@bufbuild/protobuf/wkt';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, stringify } from 'yaml';
import { generatePipeline } from '../../../bench/generate';
import { emitPipeline } from '../emit/index';
import { checkKfpV2, checkKfpV2Yaml } from './index.ts';
import { kfpRegistry } from './kfp-proto-registry.ts';
import { parsesAsStruct } from './kfp-v2-proto.ts';
import { expectProblem, expectQuietConsole, FIXTURES, readFixture } from './check-test-support.ts';
import { readBlockYaml } from './yaml-block-reader.ts';
import { parseYamlDocumentsWithLibrary } from './yaml-documents.ts';

const GOLDENS = new URL('goldens/v2/', FIXTURES);
const PROTO_DIR = new URL('./schemas/kfp-v2/', import.meta.url);
const documentsOf = (text: string) => parseAllDocuments(text).map((doc) => doc.toJS() as Doc);

/** Tests mutate documents freely, including into shapes no type would allow. */
type Doc = any;

/** §2.6 example: [PipelineSpec with task step-1 / comp-step-1 / exec-step-1, PlatformSpec]. */
const EXAMPLE = documentsOf(readFixture('check/v2-example.yaml'));
const EXIT_HANDLER = documentsOf(readFixture('pipeline_with_exit_handler.yaml', GOLDENS));

/** Deep copies of `docs` changed by `mutate(spec, platform)`, so each broken variant stays next to its assertion. */
function variant(mutate: (spec: Doc, platform: Doc) => void, docs: Doc[] = EXAMPLE): Doc[] {
  const copy = structuredClone(docs);
  mutate(copy[0], copy[1]);
  return copy;
}

const TASK = '/root/dag/tasks/step-1';
const CONTAINER = '/deploymentSpec/executors/exec-step-1/container';
const PLATFORM_EXECUTOR = '/platforms/kubernetes/deploymentSpec/executors/exec-step-1';

describe('checkKfpV2 on known-good documents', () => {
  expectQuietConsole();

  const goldens = readdirSync(GOLDENS).filter((name) => name.endsWith('.yaml'));
  it('has goldens to check', () => expect(goldens.length).toBeGreaterThanOrEqual(4));
  it.each(goldens)('golden %s passes', (name) => {
    expect(checkKfpV2Yaml(readFixture(name, GOLDENS))).toEqual({ ok: true, problems: [] });
  });

  it('the §2.6 example of kfp-output-format.md passes', () => {
    expect(checkKfpV2Yaml(readFixture('check/v2-example.yaml'))).toEqual({ ok: true, problems: [] });
  });

  it('a PipelineSpec without a platform document passes', () => {
    expect(checkKfpV2([EXAMPLE[0]])).toEqual({ ok: true, problems: [] });
  });

  it('a ParallelFor task with a consistent parameterIterator passes', () => {
    expect(checkKfpV2(withLoop(() => {}))).toEqual({ ok: true, problems: [] });
  });
});

describe('checkKfpV2: strict proto parsing of the PipelineSpec', () => {
  it('rejects an unknown task key', () => {
    expectProblem(checkKfpV2(variant((s) => (s.root.dag.tasks['step-1'].retries = 3))), `${TASK}/retries`, 'key "retries" is unknown');
  });

  it('rejects enableCache: "yes"', () => {
    const result = checkKfpV2(variant((s) => (s.root.dag.tasks['step-1'].cachingOptions.enableCache = 'yes')));
    expectProblem(result, `${TASK}/cachingOptions/enableCache`, 'expected boolean, got "yes"');
  });

  it('rejects dependentTasks given as a string', () => {
    const result = checkKfpV2(variant((s) => (s.root.dag.tasks['step-1'].dependentTasks = 'step-0')));
    expectProblem(result, `${TASK}/dependentTasks`, 'expected Array');
  });

  it('rejects triggerPolicy.strategy: ALWAYS', () => {
    const result = checkKfpV2(variant((s) => (s.root.dag.tasks['step-1'].triggerPolicy = { strategy: 'ALWAYS' })));
    expectProblem(result, `${TASK}/triggerPolicy/strategy`, 'TriggerStrategy from JSON: "ALWAYS"');
  });

  it('rejects maxRetryCount: "three"', () => {
    const result = checkKfpV2(variant((s) => (s.root.dag.tasks['step-1'].retryPolicy.maxRetryCount = 'three')));
    expectProblem(result, `${TASK}/retryPolicy/maxRetryCount`, 'expected number (int32), got "three"');
  });

  it('reports every bad key, not only the first', () => {
    const result = checkKfpV2(
      variant((s) => {
        s.root.dag.tasks['step-1'].retries = 3;
        s.components['comp-step-1'].inputDefinitions.parameters.x.parameterType = 'STR';
      }),
    );
    expect(result.problems.map((p) => p.path).sort()).toEqual([
      '/components/comp-step-1/inputDefinitions/parameters/x/parameterType',
      `${TASK}/retries`,
    ]);
  });
});

describe('checkKfpV2: strict proto parsing of deploymentSpec', () => {
  it('rejects imagePullPolicy inside the IR container', () => {
    const result = checkKfpV2(variant((s) => (s.deploymentSpec.executors['exec-step-1'].container.imagePullPolicy = 'Always')));
    expectProblem(result, `${CONTAINER}/imagePullPolicy`, 'key "imagePullPolicy" is unknown');
  });

  it('rejects cpuLimit: "1000m"', () => {
    const result = checkKfpV2(variant((s) => (s.deploymentSpec.executors['exec-step-1'].container.resources.cpuLimit = '1000m')));
    expectProblem(result, `${CONTAINER}/resources/cpuLimit`, 'expected number (float64), got "1000m"');
  });

  it('rejects resourceCpuLimit given as an object', () => {
    const result = checkKfpV2(variant((s) => (s.deploymentSpec.executors['exec-step-1'].container.resources.resourceCpuLimit = { cpu: 1 })));
    expectProblem(result, `${CONTAINER}/resources/resourceCpuLimit`, 'expected string, got object');
  });
});

describe('checkKfpV2: platform document', () => {
  it('rejects a misspelt secretAsEnvv', () => {
    const result = checkKfpV2(
      variant((_, p) => {
        const executor = p.platforms.kubernetes.deploymentSpec.executors['exec-step-1'];
        executor.secretAsEnvv = executor.secretAsEnv;
        delete executor.secretAsEnv;
      }),
    );
    expectProblem(result, `${PLATFORM_EXECUTOR}/secretAsEnvv`, 'key "secretAsEnvv" is unknown');
  });

  it('rejects imagePullPolicy: 5', () => {
    const result = checkKfpV2(variant((_, p) => (p.platforms.kubernetes.deploymentSpec.executors['exec-step-1'].imagePullPolicy = 5)));
    expectProblem(result, `${PLATFORM_EXECUTOR}/imagePullPolicy`, 'expected string, got 5');
  });

  it('rejects a PVC mount that sets two members of one oneof', () => {
    const result = checkKfpV2(
      variant((_, p) => (p.platforms.kubernetes.deploymentSpec.executors['exec-step-1'].pvcMount[0].componentInputParameter = 'x')),
    );
    expectProblem(result, `${PLATFORM_EXECUTOR}/pvcMount/0`, 'oneof set multiple times');
  });

  it('rejects an executor label that deploymentSpec does not define', () => {
    const result = checkKfpV2(
      variant((_, p) => {
        const executors = p.platforms.kubernetes.deploymentSpec.executors;
        executors['exec-nope'] = executors['exec-step-1'];
        delete executors['exec-step-1'];
      }),
    );
    expectProblem(result, '/platforms/kubernetes/deploymentSpec/executors/exec-nope', 'not an executor in deploymentSpec.executors');
  });

  it('labels problems outside /platforms as belonging to the platform document', () => {
    const result = checkKfpV2(variant((_, p) => (p.platform = {})));
    expectProblem(result, '/platform', 'platform spec (document 2): ');
  });

  it('rejects a third document', () => {
    expectProblem(checkKfpV2([...EXAMPLE, {}]), '', 'at most 2 YAML documents');
    const text = readFixture('check/v2-example.yaml');
    expectProblem(checkKfpV2Yaml(`${text}\n---\n{}\n`), '', 'found 3');
  });
});

describe('checkKfpV2: pipeline-level rules', () => {
  it('rejects schemaVersion: 2.0.0', () => {
    expectProblem(checkKfpV2(variant((s) => (s.schemaVersion = '2.0.0'))), '/schemaVersion', 'must be "2.1.0"');
  });

  it('rejects a missing pipelineInfo.name and a missing root', () => {
    const result = checkKfpV2(variant((s) => ((s.pipelineInfo.name = ''), delete s.root)));
    expectProblem(result, '/pipelineInfo/name', 'pipelineInfo.name is required');
    expectProblem(result, '/root', 'root is required');
  });

  it('rejects a document that is not a mapping, or no document at all', () => {
    expectProblem(checkKfpV2(['text']), '', 'must be a YAML mapping');
    expectProblem(checkKfpV2([]), '', 'found no YAML document');
  });
});

describe('checkKfpV2: references between tasks, components and executors', () => {
  it('rejects a componentRef to a missing component', () => {
    const result = checkKfpV2(variant((s) => (s.root.dag.tasks['step-1'].componentRef.name = 'comp-nope')));
    expectProblem(result, `${TASK}/componentRef/name`, 'componentRef names "comp-nope", which is not in components');
  });

  it('checks tasks of sub-DAG components too', () => {
    const result = checkKfpV2(variant((s) => (s.components['comp-exit-handler-1'].dag.tasks['fail-op'].componentRef.name = 'x'), EXIT_HANDLER));
    expectProblem(result, '/components/comp-exit-handler-1/dag/tasks/fail-op/componentRef/name', 'not in components');
  });

  it('rejects dependentTasks naming a missing task', () => {
    const result = checkKfpV2(variant((s) => (s.root.dag.tasks['step-1'].dependentTasks = ['step-0'])));
    expectProblem(result, `${TASK}/dependentTasks/0`, 'dependentTasks names "step-0", which is not a task of this DAG');
  });

  it('rejects a dependency cycle', () => {
    const result = checkKfpV2(
      variant((s) => {
        const tasks = s.root.dag.tasks;
        tasks['step-2'] = { ...structuredClone(tasks['step-1']), dependentTasks: ['step-1'] };
        tasks['step-1'].dependentTasks = ['step-2'];
      }),
    );
    expectProblem(result, '/root/dag/tasks', 'dependency cycle: step-1 -> step-2 -> step-1');
  });

  it('rejects a task that waits for itself, and a cycle closed by a task written before the one it waits for', () => {
    expectProblem(checkKfpV2(variant((s) => (s.root.dag.tasks['step-1'].dependentTasks = ['step-1']))), '/root/dag/tasks', 'dependency cycle: step-1 -> step-1');
    const result = checkKfpV2(
      variant((s) => {
        const tasks = s.root.dag.tasks;
        tasks['step-2'] = { ...structuredClone(tasks['step-1']), dependentTasks: ['step-1'] };
        tasks['step-3'] = { ...structuredClone(tasks['step-1']), dependentTasks: ['step-2'] };
        tasks['step-1'].inputs.parameters.x = { taskOutputParameter: { producerTask: 'step-3', outputParameterKey: 'y' } };
      }),
    );
    expectProblem(result, '/root/dag/tasks', 'dependency cycle: step-1 -> step-2 -> step-3 -> step-1');
  });

  it('rejects a componentInputParameter that the root does not declare', () => {
    const result = checkKfpV2(variant((s) => (s.root.dag.tasks['step-1'].inputs.parameters.x.componentInputParameter = 'y')));
    expectProblem(result, `${TASK}/inputs/parameters/x/componentInputParameter`, '"y" is not an input parameter of the pipeline');
  });

  it('rejects a componentInputParameter that a sub-DAG component does not declare', () => {
    const result = checkKfpV2(
      variant((s) => (s.components['comp-exit-handler-1'].dag.tasks['print-op-2'].inputs.parameters.message.componentInputParameter = 'message'), EXIT_HANDLER),
    );
    expectProblem(
      result,
      '/components/comp-exit-handler-1/dag/tasks/print-op-2/inputs/parameters/message/componentInputParameter',
      'not an input parameter of component "comp-exit-handler-1"',
    );
  });

  it('rejects a taskOutputParameter from a missing task', () => {
    const result = checkKfpV2(
      variant((s) => (s.root.dag.tasks['step-1'].inputs.parameters.x = { taskOutputParameter: { producerTask: 'step-0', outputParameterKey: 'o' } })),
    );
    expectProblem(result, `${TASK}/inputs/parameters/x/taskOutputParameter/producerTask`, 'producerTask "step-0" is not a task');
  });

  it('rejects task inputs the component does not declare, and required inputs the task omits', () => {
    const result = checkKfpV2(
      variant((s) => {
        const parameters = s.root.dag.tasks['step-1'].inputs.parameters;
        parameters.z = parameters.x;
        delete parameters.x;
      }),
    );
    expectProblem(result, `${TASK}/inputs/parameters/z`, 'input parameter "z" is not declared by component "comp-step-1"');
    expectProblem(result, `${TASK}/inputs`, 'input parameter "x" of component "comp-step-1" is required');
  });

  it('rejects a component whose executorLabel has no executor', () => {
    const result = checkKfpV2(variant((s) => (s.components['comp-step-1'].executorLabel = 'exec-nope')));
    expectProblem(result, '/components/comp-step-1/executorLabel', 'executorLabel "exec-nope" has no executor');
  });

  it('rejects a placeholder naming an input the component does not declare', () => {
    const result = checkKfpV2(variant((s) => s.deploymentSpec.executors['exec-step-1'].container.args.push("{{$.inputs.parameters['y']}}")));
    expectProblem(result, `${CONTAINER}/args/2`, `placeholder {{$.inputs.parameters['y']}} names no input parameter of component "comp-step-1"`);
  });

  it('rejects inconsistent parameterIterator settings', () => {
    const result = checkKfpV2(
      withLoop((task) => {
        task.parameterIterator.itemInput = 'nope';
        task.parameterIterator.items = { inputParameter: 'missing' };
      }),
    );
    expectProblem(result, `${TASK}/parameterIterator/itemInput`, 'itemInput "nope" is not an input parameter');
    expectProblem(result, `${TASK}/parameterIterator/items/inputParameter`, 'is not one of the task\'s inputs.parameters');
    const raw = checkKfpV2(withLoop((task) => (task.parameterIterator.items = { raw: '{"a": 1}' })));
    expectProblem(raw, `${TASK}/parameterIterator/items/raw`, 'must be a JSON list');
  });
});

describe('checkKfpV2: trigger policies as the KFP backend runs them', () => {
  const EXIT = '/root/dag/tasks/print-op';
  /** The exit-handler golden with a second root task `other`, running comp-print-op-2 like print-op-2 does. */
  const withOther = (mutate: (s: Doc) => void) =>
    variant((s) => {
      s.root.dag.tasks.other = { componentRef: { name: 'comp-print-op-2' }, inputs: { parameters: { message: { componentInputParameter: 'message' } } }, taskInfo: { name: 'other' } };
      mutate(s);
    }, EXIT_HANDLER);

  it('refuses an ALL_UPSTREAM_TASKS_COMPLETED task waiting for two tasks: the backend runs it once per task, early', () => {
    const result = checkKfpV2(withOther((s) => s.root.dag.tasks['print-op'].dependentTasks.push('other')));
    expectProblem(result, `${EXIT}/dependentTasks`, 'with 2 it runs 2 times, each as soon as that one ends');
  });

  it('refuses one waiting for nothing, one on a ParallelFor task, two on one task, and a DAG of exit tasks only', () => {
    expectProblem(checkKfpV2(variant((s) => (s.root.dag.tasks['print-op'].dependentTasks = []), EXIT_HANDLER)), `${EXIT}/dependentTasks`, 'never runs');
    const loop = withOther((s) => {
      s.root.dag.tasks.other.parameterIterator = { itemInput: 'message', items: { raw: '["a"]' } };
      s.root.dag.tasks['print-op'].dependentTasks = ['other'];
    });
    expectProblem(checkKfpV2(loop), `${EXIT}/dependentTasks`, 'other is a ParallelFor task: the KFP backend attaches no exit hook to it');
    const twice = variant((s) => (s.root.dag.tasks['print-op-2'] = { ...structuredClone(s.root.dag.tasks['print-op']), taskInfo: { name: 'again' } }), EXIT_HANDLER);
    expectProblem(checkKfpV2(twice), '/root/dag/tasks/print-op-2/dependentTasks', 'the KFP backend attaches only print-op-2 to it');
    const only = variant((s) => (s.components['comp-exit-handler-1'].dag.tasks['fail-op'].triggerPolicy = { strategy: 'ALL_UPSTREAM_TASKS_COMPLETED' }), EXIT_HANDLER);
    const onlyExits = variant((s) => {
      const tasks = s.components['comp-exit-handler-1'].dag.tasks;
      tasks['print-op-2'].triggerPolicy = { strategy: 'ALL_UPSTREAM_TASKS_COMPLETED' };
      tasks['print-op-2'].dependentTasks = ['fail-op'];
      tasks['fail-op'].triggerPolicy = { strategy: 'ALL_UPSTREAM_TASKS_COMPLETED' };
      tasks['fail-op'].dependentTasks = ['print-op-2'];
    }, EXIT_HANDLER);
    expect(checkKfpV2(only).problems.map((p) => p.message)).toContainEqual(expect.stringContaining('never runs'));
    expectProblem(checkKfpV2(onlyExits), '/components/comp-exit-handler-1/dag/tasks', 'refuses a DAG without one');
  });

  it('refuses a task that waits for an exit task, by dependentTasks or by reading its output', () => {
    const result = checkKfpV2(withOther((s) => (s.root.dag.tasks.other.dependentTasks = ['print-op'])));
    expectProblem(result, '/root/dag/tasks/other', 'waits for print-op, an ALL_UPSTREAM_TASKS_COMPLETED task');
  });

  const gated = (condition: string) =>
    variant((s) => {
      s.root.dag.tasks['step-1'].triggerPolicy = { condition };
    });

  it('accepts a condition over the task’s own inputs, as dsl.If writes it', () => {
    expect(checkKfpV2(gated("inputs.parameter_values['x'] == 'heads'")).problems).toEqual([]);
    expect(checkKfpV2(gated("!(inputs.parameter_values['x'] == 'a') && int(inputs.parameter_values[\"x\"]) >= 2")).problems).toEqual([]);
  });

  it('refuses a condition reading an input the task does not have, and one CEL cannot read', () => {
    const condition = `${TASK}/triggerPolicy/condition`;
    expectProblem(checkKfpV2(gated("inputs.parameter_values['y'] == 'a'")), condition, "reads inputs.parameter_values['y'], which is not one of the task's inputs");
    expectProblem(checkKfpV2(gated("(inputs.parameter_values['x'] == 'a'")), condition, '( is never closed');
    expectProblem(checkKfpV2(gated("inputs.parameter_values['x'] == 'a')")), condition, 'unbalanced )');
    expectProblem(checkKfpV2(gated("inputs.parameter_values['x'] ==")), condition, 'ends in ==');
    expectProblem(checkKfpV2(gated("status == 'failed'")), condition, 'status is no input, literal or function');
    expectProblem(checkKfpV2(gated("inputs.parameter_values['x'] == 'a' ; true")), condition, 'CEL cannot read');
  });

  it('refuses a condition on an importer task, which the backend cannot skip', () => {
    const importer = variant((s) => {
      s.root.dag.tasks['step-1'].triggerPolicy = { condition: "inputs.parameter_values['x'] == 'a'" };
      s.deploymentSpec.executors['exec-step-1'] = { importer: { artifactUri: { constant: 'gs://bucket/x' }, typeSchema: { schemaTitle: 'system.Artifact' } } };
    });
    expectProblem(checkKfpV2(importer), `${TASK}/triggerPolicy/condition`, 'refuses a condition on an importer task');
  });
});

describe('checkKfpV2Yaml', () => {
  it('reports a YAML syntax error', () => {
    const result = checkKfpV2Yaml('schemaVersion: 2.1.0\nroot: {dag: \n');
    expect(result.problems).toHaveLength(1);
    expectProblem(result, '', 'YAML syntax error (document 1)');
  });

  it('round-trips mutated documents through YAML with the same problems', () => {
    const docs = variant((s) => (s.root.dag.tasks['step-1'].retries = 3));
    const text = docs.map((doc) => stringify(doc, { version: '1.1' })).join('---\n');
    expect(checkKfpV2Yaml(text)).toEqual(checkKfpV2(docs));
  });
});

describe('the precompiled KFP descriptors', () => {
  it('hold every message and enum of every .proto under schemas/kfp-v2 (scripts/precompile-checkers.ts)', () => {
    const protos = (readdirSync(PROTO_DIR, { recursive: true }) as string[]).filter((path) => path.endsWith('.proto'));
    expect(protos.length).toBeGreaterThanOrEqual(3);
    for (const path of protos) {
      const text = readFileSync(new URL(path, PROTO_DIR), 'utf8');
      const pkg = /^package\s+([\w.]+);/m.exec(text)?.[1];
      const topLevel = [...text.matchAll(/^(message|enum)\s+(\w+)/gm)];
      expect(topLevel.length, path).toBeGreaterThan(0);
      for (const [, kind, name] of topLevel) {
        const type = kfpRegistry().get(`${pkg}.${name}`);
        expect(type?.kind, `${pkg}.${name} in ${path}`).toBe(kind);
      }
    }
  });
});

/** The example turned into a ParallelFor: step-1 loops over its `items` input, delivering each item as `x`. */
function withLoop(mutate: (task: Doc) => void): Doc[] {
  return variant((s) => {
    const task = s.root.dag.tasks['step-1'];
    task.inputs.parameters.items = { runtimeValue: { constant: ['1', '2'] } };
    delete task.inputs.parameters.x;
    task.parameterIterator = { itemInput: 'x', items: { inputParameter: 'items' } };
    s.components['comp-step-1'].inputDefinitions.parameters.items = { parameterType: 'LIST' };
    mutate(task);
  });
}

describe('checkKfpV2: names are data (own keys only, never Object.prototype members)', () => {
  it('rejects references to a component, task, executor or input named like an Object.prototype member', () => {
    const result = checkKfpV2(
      variant((s) => {
        const task = s.root.dag.tasks['step-1'];
        task.dependentTasks = ['hasOwnProperty'];
        task.inputs.parameters.valueOf = { componentInputParameter: 'toString' };
        task.inputs.parameters.x = { taskOutputParameter: { producerTask: 'constructor', outputParameterKey: 'o' } };
        s.root.dag.tasks['step-2'] = { ...structuredClone(task), componentRef: { name: 'toString' }, dependentTasks: [] };
        s.components['comp-step-1'].executorLabel = 'constructor';
      }),
    );
    expectProblem(result, `${TASK}/dependentTasks/0`, 'dependentTasks names "hasOwnProperty", which is not a task of this DAG');
    expectProblem(result, `${TASK}/inputs/parameters/valueOf`, 'input parameter "valueOf" is not declared by component "comp-step-1"');
    expectProblem(result, `${TASK}/inputs/parameters/valueOf/componentInputParameter`, '"toString" is not an input parameter of the pipeline');
    expectProblem(result, `${TASK}/inputs/parameters/x/taskOutputParameter/producerTask`, 'producerTask "constructor" is not a task');
    expectProblem(result, '/root/dag/tasks/step-2/componentRef/name', 'componentRef names "toString", which is not in components');
    expectProblem(result, '/components/comp-step-1/executorLabel', 'executorLabel "constructor" has no executor');
  });

  it('rejects a platform executor named like an Object.prototype member', () => {
    const result = checkKfpV2(variant((_, p) => (p.platforms.kubernetes.deploymentSpec.executors.toString = {})));
    expectProblem(result, `${PLATFORM_EXECUTOR.replace('exec-step-1', 'toString')}`, 'platform executor "toString" is not an executor in deploymentSpec.executors');
  });
});

describe('checkKfpV2: what the faster check still parses', () => {
  it('parses deploymentSpec as the Struct PipelineSpec declares when that can fail (a member that is not JSON)', () => {
    const result = checkKfpV2(variant((s) => (s.deploymentSpec.executors['exec-step-1'].container.image = undefined)));
    expectProblem(result, '/deploymentSpec', 'google.protobuf.Value');
  });

  it('parses the platform executors as the Structs PlatformSpec declares when that can fail', () => {
    const result = checkKfpV2(variant((_, p) => (p.platforms.kubernetes.deploymentSpec.executors['exec-step-1'].imagePullPolicy = () => 'Always')));
    expect(result.ok).toBe(false);
    expect(result.problems.some((problem) => problem.path.startsWith('/platforms') && problem.message.includes('google.protobuf.Value'))).toBe(true);
  });

  // kfp-v2.ts skips the Struct walk of deploymentSpec and of the platform's executor configs when the
  // typed walk vouches for them: the walk's depth limit then bounds their nesting as a Struct only while
  // these types hold no cycle and few levels of lists or maps (which the walk's depth does not count).
  it.each(['ml_pipelines.PipelineDeploymentConfig', 'kfp_kubernetes.KubernetesExecutorConfig'])('%s holds no cycle and at most two levels of lists or maps', (root) => {
    const onPath = new Set<string>();
    const levels = (message: DescMessage): number => {
      if (message.typeName.startsWith('google.protobuf.')) return 0; // Struct and Value: the walk counts each level
      expect(onPath.has(message.typeName), `${message.typeName} holds itself`).toBe(false);
      onPath.add(message.typeName);
      let most = 0;
      for (const field of message.fields) if (field.message) most = Math.max(most, (field.fieldKind === 'message' ? 0 : 1) + levels(field.message));
      onPath.delete(message.typeName);
      return most;
    };
    expect(levels(kfpRegistry().getMessage(root)!)).toBeLessThanOrEqual(2);
  });

  it('skips a Struct parse only when bufbuild would accept it (parsesAsStruct)', () => {
    const deep = (depth: number): unknown => (depth === 0 ? 'leaf' : { next: deep(depth - 1) });
    const member = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.constantFrom(undefined, () => 1, 10n, Symbol('s'), NaN, -0, new Date(0), [1, , 3], deep(30), deep(70), deep(120)),
    );
    fc.assert(
      fc.property(fc.dictionary(fc.string(), member, { maxKeys: 4 }), (value) => {
        let accepted: boolean;
        try {
          fromJson(StructSchema, value as JsonValue);
          accepted = true;
        } catch {
          accepted = false;
        }
        if (parsesAsStruct(value)) expect(accepted).toBe(true);
      }),
      { numRuns: 500 },
    );
    expect(parsesAsStruct({ a: deep(70) })).toBe(false);
    expect(parsesAsStruct({ a: [undefined] })).toBe(false);
    expect(parsesAsStruct(['a list'])).toBe(false);
  });

  it('reports a bad platform config at every executor that has it, though it is parsed once', () => {
    const result = checkKfpV2(
      variant((s, p) => {
        const executors = p.platforms.kubernetes.deploymentSpec.executors;
        executors['exec-step-1'].secretAsEnvv = [];
        s.deploymentSpec.executors['exec-step-2'] = structuredClone(s.deploymentSpec.executors['exec-step-1']);
        executors['exec-step-2'] = structuredClone(executors['exec-step-1']);
      }),
    );
    for (const label of ['exec-step-1', 'exec-step-2'])
      expect(result.problems).toContainEqual({ path: `/platforms/kubernetes/deploymentSpec/executors/${label}/secretAsEnvv`, message: expect.any(String) });
  });
});

describe('checkKfpV2Yaml on a text large enough to be read after the sample', () => {
  const text = emitPipeline(generatePipeline(150), { target: 'kfp-v2' }).text;

  it('is that large, and passes', () => {
    expect(text.length).toBeGreaterThan(256 * 1024);
    expect(checkKfpV2Yaml(text)).toEqual({ ok: true, problems: [] });
  });

  it.each([
    ['imagePullPolicy: Always', 'imagePullPolicyy: Always', 97],
    ['maxRetryCount: 2', 'maxRetryCount: two', 10],
    ['componentRef:\n          name: comp-step-7', 'componentRef:\n          name: comp-step-x', 0],
    ["{{$.inputs.parameters['run_id']}}", "{{$.inputs.parameters['run']}}", 120],
  ])('rejects %j changed in one step as a reading by the yaml package does', (from, to, nth) => {
    let at = -1;
    for (let i = 0; i <= nth; i++) at = text.indexOf(from, at + 1);
    expect(at).toBeGreaterThanOrEqual(0);
    const changed = text.slice(0, at) + to + text.slice(at + from.length);
    const result = checkKfpV2Yaml(changed);
    expect(result.ok).toBe(false);
    expect(result).toEqual(checkKfpV2(parseYamlDocumentsWithLibrary(changed).docs!));
  });
});

describe('checkKfpV2Yaml on blocks whose text repeats (read once, vouched for once)', () => {
  const text = emitPipeline(generatePipeline(8), { target: 'kfp-v2' }).text;
  const EXECUTORS = '/platforms/kubernetes/deploymentSpec/executors';

  /** `text` with the `nth` (from 0) occurrence of `from` replaced by `to`. */
  function changedAt(from: string, to: string, nth: number): string {
    let at = -1;
    for (let i = 0; i <= nth; i++) at = text.indexOf(from, at + 1);
    expect(at).toBeGreaterThanOrEqual(0);
    return text.slice(0, at) + to + text.slice(at + from.length);
  }

  it('passes the emitted text, whose executors share their platform config and resources', () => {
    expect(checkKfpV2Yaml(text)).toEqual({ ok: true, problems: [] });
    const [spec, platform] = readBlockYaml(text)!.docs as Doc[];
    expect(platform.platforms.kubernetes.deploymentSpec.executors['exec-step-4']).toBe(platform.platforms.kubernetes.deploymentSpec.executors['exec-step-3']);
    expect(spec.deploymentSpec.executors['exec-step-4'].container.resources).toBe(spec.deploymentSpec.executors['exec-step-3'].container.resources);
  });

  it.each([
    ['imagePullPolicy: Always', 'imagePullPolicyy: Always', 3, `${EXECUTORS}/exec-step-3/imagePullPolicyy`],
    ['mountPath: /mnt/logs', 'mountPathh: /mnt/logs', 5, `${EXECUTORS}/exec-step-5/pvcMount/1/mountPathh`],
    ['cpuLimit: 1\n', 'cpuLimit: one\n', 3, '/deploymentSpec/executors/exec-step-3/container/resources/cpuLimit'],
    ['parameterType: STRING', 'parameterType: TEXT', 4, '/components/comp-step-2/inputDefinitions/parameters/run_id/parameterType'],
    ['runtimeValue:', 'runtimeValuee:', 3, '/root/dag/tasks/step-3/inputs/parameters/run_id/runtimeValuee'],
  ])('finds %j changed in one of the blocks that repeat, there only, as a reading without repeats does', (from, to, nth, path) => {
    const changed = changedAt(from, to, nth);
    const result = checkKfpV2Yaml(changed);
    expect(result.ok).toBe(false);
    expect(result.problems.map((problem) => problem.path)).toEqual([path]);
    expect(result).toEqual(checkKfpV2(parseYamlDocumentsWithLibrary(changed).docs!));
  });

  it('finds a placeholder naming an undeclared input in one of the executors whose arguments share its text, at each of its places there', () => {
    // comp-step-3 no longer declares run_id; every executor's command holds the same placeholder text.
    const changed = changedAt("{{$.inputs.parameters['run_id']}}\"\n", "{{$.inputs.parameters['run_id']}}\"\n          - \"{{$.inputs.parameters['run_id']}}\"\n", 3).replace(
      'comp-step-3:\n    executorLabel: exec-step-3\n    inputDefinitions:\n      parameters:\n        run_id:',
      'comp-step-3:\n    executorLabel: exec-step-3\n    inputDefinitions:\n      parameters:\n        run_x:',
    );
    const result = checkKfpV2Yaml(changed);
    const placeholders = result.problems.filter((problem) => problem.message.startsWith('placeholder'));
    expect(placeholders).toEqual(
      [2, 3].map((i) => ({
        path: `/deploymentSpec/executors/exec-step-3/container/command/${i}`,
        message: `placeholder {{$.inputs.parameters['run_id']}} names no input parameter of component "comp-step-3"`,
      })),
    );
    expect(result).toEqual(checkKfpV2(parseYamlDocumentsWithLibrary(changed).docs!));
  });

  it('reports a problem in a config that every executor shares at each executor', () => {
    const changed = text.replaceAll('imagePullPolicy: Always', 'imagePullPolicyy: Always');
    const result = checkKfpV2Yaml(changed);
    expect(result.problems.map((problem) => problem.path)).toEqual(
      [...Array.from({ length: 8 }, (_, i) => `exec-step-${i}`), 'exec-success'].map((label) => `${EXECUTORS}/${label}/imagePullPolicyy`),
    );
    expect(result).toEqual(checkKfpV2(parseYamlDocumentsWithLibrary(changed).docs!));
  });
});
