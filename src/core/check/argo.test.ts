import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { checkArgoWorkflow, checkArgoWorkflowYaml } from './index.ts';
import { expectProblem, expectQuietConsole, FIXTURES, readFixture } from './check-test-support.ts';

const GOLDENS = new URL('goldens/v1/', FIXTURES);

/** Tests mutate documents freely, including into shapes no type would allow. */
type Doc = any;

const LEGACY = parse(readFixture('check/legacy-v1-example.yaml')) as Doc;
const BASIC = parse(readFixture('basic.yaml', GOLDENS)) as Doc;
const WITH_ITEMS = parse(readFixture('withitem_basic.yaml', GOLDENS)) as Doc;

/** A deep copy of `base` changed by `mutate`, so each broken variant stays next to its assertion. */
function variant(base: Doc, mutate: (doc: Doc) => void): Doc {
  const doc = structuredClone(base);
  mutate(doc);
  return doc;
}

// Legacy fixture layout: templates 0 = magnus-dag (tasks step-1, step-2, success), 1 = step-1, 2 = step-2, 3 = success.
const STEP1 = '/spec/templates/1';
const TASKS = '/spec/templates/0/dag/tasks';

describe('checkArgoWorkflow on known-good documents', () => {
  expectQuietConsole();

  const goldens = readdirSync(GOLDENS).filter((name) => name.endsWith('.yaml'));
  it('has goldens to check', () => expect(goldens.length).toBeGreaterThanOrEqual(2));
  it.each(goldens)('golden %s passes', (name) => {
    expect(checkArgoWorkflowYaml(readFixture(name, GOLDENS))).toEqual({ ok: true, problems: [] });
  });

  it('the legacy magnus output (kfp-output-format.md §1.6) passes', () => {
    expect(checkArgoWorkflowYaml(readFixture('check/legacy-v1-example.yaml'))).toEqual({ ok: true, problems: [] });
  });

  it('a 50-task workflow with fan-in and depends expressions passes', () => {
    expect(checkArgoWorkflow(largeWorkflow(50))).toEqual({ ok: true, problems: [] });
  });

  it('accepts valid depends expressions', () => {
    const doc = variant(LEGACY, (d) => {
      for (const task of d.spec.templates[0].dag.tasks) delete task.dependencies;
      d.spec.templates[0].dag.tasks[1].depends = 'step-1.Succeeded || (step-1.Failed && !step-1.Skipped)';
      d.spec.templates[0].dag.tasks[2].depends = 'step-2';
    });
    expect(checkArgoWorkflow(doc)).toEqual({ ok: true, problems: [] });
  });
});

describe('checkArgoWorkflow: schema (closed) violations', () => {
  it('rejects an unknown template key', () => {
    const result = checkArgoWorkflow(variant(LEGACY, (d) => (d.spec.templates[1].retries = 3)));
    expectProblem(result, `${STEP1}/retries`, 'unknown key "retries"');
  });

  it('rejects a misspelt container key', () => {
    const result = checkArgoWorkflow(variant(LEGACY, (d) => (d.spec.templates[1].container.imagePullPolicyy = 'Always')));
    expectProblem(result, `${STEP1}/container/imagePullPolicyy`, 'unknown key "imagePullPolicyy"');
  });

  it('rejects an integer retryStrategy.limit', () => {
    const result = checkArgoWorkflow(variant(LEGACY, (d) => (d.spec.templates[1].retryStrategy.limit = 1)));
    expectProblem(result, `${STEP1}/retryStrategy/limit`, 'must be a string, got number 1');
  });

  it('rejects an integer gpu quantity', () => {
    const result = checkArgoWorkflow(variant(LEGACY, (d) => (d.spec.templates[1].container.resources.limits['nvidia.com/gpu'] = 1)));
    expectProblem(result, `${STEP1}/container/resources/limits/nvidia.com~1gpu`, 'must be a string');
  });

  it('rejects an integer parameter value', () => {
    const result = checkArgoWorkflow(variant(LEGACY, (d) => (d.spec.arguments.parameters[0].value = 3)));
    expectProblem(result, '/spec/arguments/parameters/0/value', 'must be a string, got number 3');
  });

  it('rejects a container without image', () => {
    const result = checkArgoWorkflow(variant(LEGACY, (d) => delete d.spec.templates[1].container.image));
    expectProblem(result, `${STEP1}/container`, 'missing required key "image"');
  });

  it('rejects dependencies given as a string', () => {
    const result = checkArgoWorkflow(variant(LEGACY, (d) => (d.spec.templates[0].dag.tasks[1].dependencies = 'step-1')));
    expectProblem(result, `${TASKS}/1/dependencies`, 'must be an array');
  });

  it('rejects kind: WorkflowTemplate', () => {
    const result = checkArgoWorkflow(variant(LEGACY, (d) => (d.kind = 'WorkflowTemplate')));
    expectProblem(result, '/kind', 'must be "Workflow"');
  });

  it('rejects a wrong apiVersion and a missing kind', () => {
    const result = checkArgoWorkflow(variant(LEGACY, (d) => ((d.apiVersion = 'argoproj.io/v1'), delete d.kind)));
    expectProblem(result, '/apiVersion', 'must be "argoproj.io/v1alpha1"');
    expectProblem(result, '/kind', 'kind is required');
  });

  it('rejects a document that is not a mapping', () => {
    expectProblem(checkArgoWorkflow(null), '', 'must be a YAML mapping');
    expectProblem(checkArgoWorkflow([]), '', 'must be a YAML mapping');
  });
});

describe('checkArgoWorkflow: enum-like fields', () => {
  it('rejects imagePullPolicy: Sometimes', () => {
    const result = checkArgoWorkflow(variant(LEGACY, (d) => (d.spec.templates[1].container.imagePullPolicy = 'Sometimes')));
    expectProblem(result, `${STEP1}/container/imagePullPolicy`, 'must be one of Always, Never, IfNotPresent');
  });

  it('rejects an unknown retryPolicy', () => {
    const result = checkArgoWorkflow(variant(LEGACY, (d) => (d.spec.templates[1].retryStrategy.retryPolicy = 'OnCrash')));
    expectProblem(result, `${STEP1}/retryStrategy/retryPolicy`, 'must be one of Always, OnFailure, OnError, OnTransientError');
  });
});

describe('checkArgoWorkflow: names', () => {
  it('rejects the template name "Hello World"', () => {
    const result = checkArgoWorkflow(variant(LEGACY, (d) => (d.spec.templates[3].name = 'Hello World')));
    expectProblem(result, '/spec/templates/3/name', 'template name "Hello World" is invalid');
  });

  it('rejects a 64-character template name, saying why', () => {
    const long = 'a'.repeat(64);
    const result = checkArgoWorkflow(
      variant(LEGACY, (d) => ((d.spec.templates[3].name = long), (d.spec.templates[0].dag.tasks[2].template = long))),
    );
    expect(result.problems).toEqual([
      { path: '/spec/templates/3/name', message: expect.stringContaining('pod names and labels are derived from it') },
    ]);
  });

  it('rejects a 129-character task name as Argo does', () => {
    const result = checkArgoWorkflow(variant(LEGACY, (d) => (d.spec.templates[0].dag.tasks[0].name = 'a'.repeat(129))));
    expectProblem(result, `${TASKS}/0/name`, 'Argo allows at most 128');
  });

  it('rejects duplicate template and task names', () => {
    const result = checkArgoWorkflow(
      variant(LEGACY, (d) => ((d.spec.templates[2].name = 'step-1'), (d.spec.templates[0].dag.tasks[2].name = 'step-2'))),
    );
    expectProblem(result, '/spec/templates/2/name', 'template name "step-1" is used more than once');
    expectProblem(result, `${TASKS}/2/name`, 'task name "step-2" is used more than once');
  });

  it('rejects a task name starting with a digit in a DAG with dependencies', () => {
    const result = checkArgoWorkflow(
      variant(LEGACY, (d) => ((d.spec.templates[0].dag.tasks[0].name = '1st'), (d.spec.templates[0].dag.tasks[1].dependencies = ['1st']))),
    );
    expectProblem(result, `${TASKS}/0/name`, 'cannot begin with a digit');
  });

  it('rejects invalid and duplicate parameter names', () => {
    const result = checkArgoWorkflow(
      variant(LEGACY, (d) => {
        d.spec.arguments.parameters.push({ name: 'my param', value: '1' });
        d.spec.arguments.parameters.push({ name: 'x', value: '4' });
      }),
    );
    expectProblem(result, '/spec/arguments/parameters/2/name', 'parameter name "my param" is invalid');
    expectProblem(result, '/spec/arguments/parameters/3/name', 'parameter name "x" is used more than once');
  });

  it('rejects a template with no type or two types', () => {
    const result = checkArgoWorkflow(
      variant(LEGACY, (d) => {
        d.spec.templates[2].dag = { tasks: [{ name: 'a', template: 'success' }] };
        delete d.spec.templates[3].container;
      }),
    );
    expectProblem(result, '/spec/templates/2', 'several types (container, dag)');
    expectProblem(result, '/spec/templates/3', 'template has no type');
  });
});

describe('checkArgoWorkflow: references', () => {
  it('rejects a task that uses a missing template', () => {
    const result = checkArgoWorkflow(variant(LEGACY, (d) => (d.spec.templates[0].dag.tasks[0].template = 'nope')));
    expectProblem(result, `${TASKS}/0/template`, 'uses template "nope", which does not exist');
  });

  it('rejects an entrypoint or onExit that names a missing template', () => {
    const result = checkArgoWorkflow(variant(LEGACY, (d) => ((d.spec.entrypoint = 'main'), (d.spec.onExit = 'cleanup'))));
    expectProblem(result, '/spec/entrypoint', 'names template "main", which does not exist');
    expectProblem(result, '/spec/onExit', 'names template "cleanup", which does not exist');
  });

  it('rejects a Workflow without entrypoint', () => {
    expectProblem(checkArgoWorkflow(variant(LEGACY, (d) => delete d.spec.entrypoint)), '/spec/entrypoint', 'spec.entrypoint is required');
  });

  it('rejects a task that does not supply a required input of its template', () => {
    const result = checkArgoWorkflow(variant(BASIC, (d) => d.spec.templates[0].dag.tasks[1].arguments.parameters.pop()));
    expectProblem(result, '/spec/templates/0/dag/tasks/1/arguments', 'input parameter "outputpath" of template "save"');
  });

  it('rejects {{workflow.parameters.nope}}', () => {
    const result = checkArgoWorkflow(variant(LEGACY, (d) => (d.spec.templates[1].container.command[2] = '{{workflow.parameters.nope}}')));
    expectProblem(result, `${STEP1}/container/command/2`, 'workflow parameter "nope"');
  });

  it('rejects an undeclared {{inputs.parameters.x}}', () => {
    const result = checkArgoWorkflow(variant(LEGACY, (d) => d.spec.templates[1].container.command.push('{{ inputs.parameters.x }}')));
    expectProblem(result, `${STEP1}/container/command/8`, 'input parameter "x", which template "step-1" does not declare');
  });

  it('rejects {{tasks.T...}} naming a missing task, a missing output, or a task not depended on', () => {
    const missingTask = variant(BASIC, (d) => (d.spec.templates[0].dag.tasks[1].arguments.parameters[0].value = '{{tasks.nope.outputs.result}}'));
    expectProblem(checkArgoWorkflow(missingTask), '/spec/templates/0/dag/tasks/1/arguments/parameters/0/value', 'task "nope"');

    const missingOutput = variant(BASIC, (d) => {
      d.spec.templates[0].dag.tasks[1].arguments.parameters[0].value = '{{tasks.get-frequent.outputs.parameters.nope}}';
    });
    expectProblem(checkArgoWorkflow(missingOutput), '/spec/templates/0/dag/tasks/1/arguments/parameters/0/value', 'output parameter "nope"');

    const notUpstream = variant(BASIC, (d) => delete d.spec.templates[0].dag.tasks[1].dependencies);
    expectProblem(
      checkArgoWorkflow(notUpstream),
      '/spec/templates/0/dag/tasks/1/arguments/parameters/0/value',
      'task "save" does not depend on "get-frequent"',
    );
  });

  it('accepts {{tasks.T...}} from a task that depends on T through others, and rejects it once the chain is cut', () => {
    // exit-handler-1 gets a third task, "report", after "save": it may read get-frequent's outputs (save waits for it).
    const chained = variant(BASIC, (d) => {
      const { tasks } = d.spec.templates[0].dag;
      tasks.push({ ...structuredClone(tasks[1]), name: 'report', dependencies: ['save'] });
    });
    expect(checkArgoWorkflow(chained).problems).toEqual([]);
    const cut = variant(chained, (d) => delete d.spec.templates[0].dag.tasks[1].dependencies);
    expectProblem(checkArgoWorkflow(cut), '/spec/templates/0/dag/tasks/2/arguments/parameters/0/value', 'task "report" does not depend on "get-frequent"');
  });

  it('rejects {{item}} outside a task with withItems/withParam', () => {
    const result = checkArgoWorkflow(variant(WITH_ITEMS, (d) => delete d.spec.templates[4].dag.tasks[0].withItems));
    expectProblem(result, '/spec/templates/4/dag/tasks/0/arguments/parameters/0/value', '{{item.a}} is only defined inside');
  });

  it('rejects a volumeMount without a volume', () => {
    const result = checkArgoWorkflow(variant(LEGACY, (d) => (d.spec.templates[1].container.volumeMounts[0].name = 'executor-9')));
    expectProblem(result, `${STEP1}/container/volumeMounts/0/name`, 'volumeMount "executor-9" has no matching volume');
  });

  it('accepts a mount of a workflow-level volume but rejects duplicate volume and env names', () => {
    const moved = variant(LEGACY, (d) => {
      d.spec.volumes = d.spec.templates[1].volumes;
      delete d.spec.templates[1].volumes;
    });
    expect(checkArgoWorkflow(moved).problems).toEqual([]);
    const duplicated = variant(LEGACY, (d) => {
      d.spec.templates[1].volumes.push({ name: 'executor-0', emptyDir: {} });
      d.spec.templates[1].container.env.push({ name: 'AWS_SECRET', value: 'x' });
    });
    expectProblem(checkArgoWorkflow(duplicated), `${STEP1}/volumes/1/name`, 'volume name "executor-0" is used more than once');
    expectProblem(checkArgoWorkflow(duplicated), `${STEP1}/container/env/2/name`, 'env var name "AWS_SECRET" is used more than once');
  });
});

describe('checkArgoWorkflow: DAG ordering', () => {
  it('rejects dependencies naming a missing task', () => {
    const result = checkArgoWorkflow(variant(LEGACY, (d) => (d.spec.templates[0].dag.tasks[1].dependencies = ['nope'])));
    expectProblem(result, `${TASKS}/1/dependencies/0`, 'dependency "nope" is not a task of this DAG');
  });

  it('rejects a dependency cycle', () => {
    const result = checkArgoWorkflow(variant(LEGACY, (d) => (d.spec.templates[0].dag.tasks[0].dependencies = ['success'])));
    expectProblem(result, TASKS, 'dependency cycle: step-1 -> step-2 -> success -> step-1');
  });

  it('rejects a broken depends expression', () => {
    const result = checkArgoWorkflow(
      variant(LEGACY, (d) => {
        for (const task of d.spec.templates[0].dag.tasks) delete task.dependencies;
        d.spec.templates[0].dag.tasks[1].depends = 'step-1 &&';
      }),
    );
    expectProblem(result, `${TASKS}/1/depends`, 'cannot parse depends expression');
  });

  it('rejects depends naming a missing task or an unknown result', () => {
    const doc = variant(LEGACY, (d) => {
      for (const task of d.spec.templates[0].dag.tasks) delete task.dependencies;
      d.spec.templates[0].dag.tasks[1].depends = 'step-1.Succeeded || nope';
      d.spec.templates[0].dag.tasks[2].depends = 'step-2.Finished';
    });
    expectProblem(checkArgoWorkflow(doc), `${TASKS}/1/depends`, 'depends names "nope"');
    expectProblem(checkArgoWorkflow(doc), `${TASKS}/2/depends`, 'unknown task result ".Finished"');
  });

  it('rejects mixing depends and dependencies in one DAG', () => {
    const result = checkArgoWorkflow(variant(LEGACY, (d) => (d.spec.templates[0].dag.tasks[2].depends = 'step-2')));
    expectProblem(result, `${TASKS}/1/dependencies`, 'cannot mix "depends" and "dependencies"');
  });

  it('rejects an items-only result on a task that does not loop', () => {
    const doc = variant(LEGACY, (d) => {
      for (const task of d.spec.templates[0].dag.tasks) delete task.dependencies;
      d.spec.templates[0].dag.tasks[1].depends = 'step-1.AnySucceeded';
    });
    expectProblem(checkArgoWorkflow(doc), `${TASKS}/1/depends`, 'needs "step-1" to loop');
  });
});

describe('checkArgoWorkflowYaml', () => {
  it('reports YAML syntax errors without checking further', () => {
    const result = checkArgoWorkflowYaml('apiVersion: argoproj.io/v1alpha1\nkind: [Workflow\n');
    expect(result.ok).toBe(false);
    expect(result.problems).toHaveLength(1);
    expectProblem(result, '', 'YAML syntax error');
  });

  it('requires exactly one document', () => {
    const text = readFixture('check/legacy-v1-example.yaml');
    expectProblem(checkArgoWorkflowYaml(`${text}\n---\n${text}`), '', 'exactly one YAML document, found 2');
    expectProblem(checkArgoWorkflowYaml(''), '', 'exactly one YAML document, found 0');
  });

  it('flags scalars that YAML 1.1 parsers (Go, Python) would read differently', () => {
    const doc = variant(LEGACY, (d) => (d.spec.templates[1].container.env[1].value = 'PLACEHOLDER'));
    const text = stringify(doc, { version: '1.1' }).replace('PLACEHOLDER', 'yes');
    expectProblem(checkArgoWorkflowYaml(text), `${STEP1}/container/env/1/value`, 'would be read as boolean true by YAML 1.1 parsers');
  });

  it('round-trips a mutated document through YAML with the same problems', () => {
    const doc = variant(LEGACY, (d) => (d.spec.templates[1].retries = 3));
    // version 1.1 makes `yaml` quote what Go/Python would otherwise read as timestamps or booleans.
    expect(checkArgoWorkflowYaml(stringify(doc, { version: '1.1' }))).toEqual(checkArgoWorkflow(doc));
  });
});

/** A Workflow shaped like the legacy output, with `size` container templates in a wide, joined DAG. */
function largeWorkflow(size: number): Doc {
  return variant(LEGACY, (d) => {
    const stepTemplate = d.spec.templates[2];
    const names = Array.from({ length: size }, (_, i) => `step-${i + 1}`);
    d.spec.templates = [
      {
        name: 'magnus-dag',
        dag: {
          tasks: names.map((name, i) => ({
            name,
            template: name,
            ...(i === 0 ? {} : { depends: i % 5 === 0 ? `${names[i - 1]} && ${names[i - 5]}.Succeeded` : names[Math.floor((i - 1) / 2)] }),
          })),
        },
      },
      ...names.map((name) => ({ ...structuredClone(stepTemplate), name })),
    ];
  });
}
