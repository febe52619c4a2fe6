import fc from 'fast-check';
import type { KfpConfig, NamedValue, OverrideEntry, Parameter, Pipeline, SecretEntry, Step, Toleration, VolumeEntry } from '../../src/core/model/types';

const CPU = ['100m', '250m', '500m', '1', '1500m', '2', '4'];
const MEMORY = ['128Mi', '256Mi', '512M', '1G', '1Gi', '2Gi', '8Gi'];

/** Step names users write: letters, digits, spaces, `_` and `-`, never `.` or `%` (§4.7). */
export const stepName = fc
  .stringMatching(/^[A-Za-z0-9_][A-Za-z0-9 _-]{0,20}[A-Za-z0-9_]$|^[A-Za-z]$/)
  .filter((n) => !/ {2}/.test(n) && n !== 'success' && n !== 'fail');

const envName = fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,15}$/);
const dnsName = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,14}[a-z0-9])?$/);
const secretKey = fc.stringMatching(/^[a-z0-9_-]{1,12}$/);

export const secrets: fc.Arbitrary<SecretEntry[]> = fc.uniqueArray(fc.record({ env: envName, secret: dnsName, key: secretKey }), {
  maxLength: 3,
  selector: (s) => s.env,
}).map((list) => list.map((s) => ({ env: s.env, ref: `${s.secret}:${s.key}` })));

/** Text a user types into a value: anything but `{{`, which Argo and Kubeflow would substitute (refused by the validator). */
const valueText = (maxLength: number) => fc.string({ maxLength }).filter((t) => !t.includes('{{'));

const labelName = fc.stringMatching(/^([a-z0-9]([a-z0-9-]{0,6}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,6}[a-z0-9])?)?\/)?[A-Za-z0-9]([A-Za-z0-9_.-]{0,10}[A-Za-z0-9])?$/);
const labelValue = fc.stringMatching(/^([A-Za-z0-9]([A-Za-z0-9_.-]{0,10}[A-Za-z0-9])?)?$/);
const named = (name: fc.Arbitrary<string>, value: fc.Arbitrary<string>): fc.Arbitrary<NamedValue[]> =>
  fc.uniqueArray(fc.record({ name, value }), { minLength: 1, maxLength: 3, selector: (v) => v.name });
/** Plain variables never share a name with a secret or a parameter's MAGNUS_PRM_ (the validator refuses that). */
const env = named(envName.map((n) => `PLAIN_${n}`), valueText(12));
const nodeSelector = named(labelName, labelValue);

/** Valid Kubernetes tolerations: Exists without a value, Equal with a key, seconds only for NoExecute. */
const tolerations: fc.Arbitrary<Toleration[]> = fc.array(
  fc.oneof(
    fc.record({ key: labelName, operator: fc.constant('Equal'), value: labelValue, effect: fc.constantFrom('NoSchedule', 'PreferNoSchedule') }),
    fc.record({ key: labelName, operator: fc.constant('Exists'), effect: fc.constant('NoExecute'), tolerationSeconds: fc.integer({ min: 0, max: 3600 }).map(String) }),
    fc.constant({ operator: 'Exists' }),
  ),
  { minLength: 1, maxLength: 3 },
);

/** The pod settings of the Argo executors, each present or not, valid. */
const podSettings = fc.record(
  {
    env,
    node_selector: nodeSelector,
    tolerations,
    active_deadline_seconds: fc.integer({ min: 1, max: 86400 }).map(String),
    timeout: fc.constantFrom('90s', '30m', '2h', '1h30m'),
    retry_limit: fc.integer({ min: 0, max: 5 }).map(String),
    retry_policy: fc.constantFrom('Always', 'OnFailure', 'OnError', 'OnTransientError'),
    backoff_duration: fc.constantFrom('10', '30s', '2m'),
    backoff_factor: fc.constantFrom('1', '2', '3'),
    backoff_max_duration: fc.constantFrom('600', '1h'),
  },
  { requiredKeys: [] },
);

/** Settings of the whole workflow, each present or not, valid. */
const workflowSettings: fc.Arbitrary<Partial<KfpConfig>> = fc.record(
  {
    generate_name: dnsName.map((n) => `${n}-`),
    namespace: dnsName,
    service_account: dnsName,
    labels: named(labelName, labelValue),
    annotations: named(labelName, valueText(20)),
    workflow_parallelism: fc.integer({ min: 1, max: 20 }).map(String),
    workflow_active_deadline_seconds: fc.integer({ min: 60, max: 172800 }).map(String),
    log_level: fc.constantFrom('DEBUG', 'INFO', 'WARNING', 'ERROR', 'FATAL'),
    pvc_for_runnable: fc.constant('runnable-pvc'),
  },
  { requiredKeys: [] },
);

/** A limit and a request no larger than it (or none), from realistic values. */
function resource(values: string[]) {
  return fc.tuple(fc.nat({ max: values.length - 1 }), fc.option(fc.nat({ max: values.length - 1 }), { nil: undefined })).map(([limit, request]) => ({
    limit: values[limit],
    request: request === undefined ? undefined : values[Math.min(limit, request)],
  }));
}

const overrides: fc.Arbitrary<OverrideEntry[] | undefined> = fc.option(
  fc
    .record(
      {
        docker_image: fc.constantFrom('img:2', 'registry.example.com/x/y:3'),
        memory: resource(MEMORY),
        gpu_limit: fc.constantFrom('0', '1', '2'),
        image_pull_policy: fc.constantFrom('Always', 'IfNotPresent', 'Never'),
        secrets_from_k8s: secrets,
        pod: podSettings,
      },
      { requiredKeys: [] },
    )
    .map((o) => {
      const entries: OverrideEntry[] = [];
      if (o.docker_image) entries.push({ key: 'docker_image', value: o.docker_image });
      if (o.memory) entries.push({ key: 'memory_limit', value: o.memory.limit }, { key: 'memory_request', value: o.memory.limit });
      if (o.gpu_limit) entries.push({ key: 'gpu_limit', value: o.gpu_limit });
      if (o.image_pull_policy) entries.push({ key: 'image_pull_policy', value: o.image_pull_policy });
      if (o.secrets_from_k8s) entries.push({ key: 'secrets_from_k8s', value: o.secrets_from_k8s });
      for (const [key, value] of Object.entries(o.pod ?? {})) entries.push({ key, value });
      return entries;
    })
    .filter((entries) => entries.length > 0),
  { nil: undefined },
);

const step = (name: string) =>
  fc
    .record({
      kind: fc.constantFrom('task', 'stub'),
      command: fc.constantFrom('pkg.module.main', 'python -m train --epochs 3', 'notebooks/eval.ipynb'),
      attempts: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
      kfp: overrides,
    })
    .map(({ kind, command, attempts, kfp }): Omit<Step, 'next'> => {
      const base = kind === 'task' ? { name, type: 'task' as const, command_type: command.includes(' ') ? 'shell' : command.endsWith('.ipynb') ? 'notebook' : 'python', command } : { name, type: 'stub' as const };
      return { ...base, ...(attempts !== undefined ? { max_attempts: attempts } : {}), ...(kfp ? { kfp } : {}) } as Step;
    });

const parameters: fc.Arbitrary<Parameter[]> = fc.uniqueArray(
  fc.record({
    name: fc.stringMatching(/^[a-z][a-z0-9_-]{0,10}$/).filter((n) => n !== 'run_id'),
    value: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }).map((v) => (Object.is(v, -0) ? 0 : v)), valueText(12), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 3 })),
  }),
  { maxLength: 4, selector: (p) => p.name },
);

const volumes: fc.Arbitrary<VolumeEntry[]> = fc.uniqueArray(fc.record({ claim: dnsName, mountPath: fc.stringMatching(/^(\/[a-z0-9_-]{1,6}){1,3}$/) }), {
  maxLength: 2,
  selector: (v) => v.claim,
}).filter((list) => new Set(list.map((v) => v.mountPath)).size === list.length && list.every((v) => v.claim !== 'run-logs' && v.claim !== 'runnable-pvc' && v.mountPath !== '/tmp'));

/** Valid pipelines as the designer can make them: a chain of tasks and stubs with settings, parameters and volumes. */
export const validPipeline: fc.Arbitrary<Pipeline> = fc
  .uniqueArray(stepName, { minLength: 1, maxLength: 8, selector: (n) => n.toLowerCase().replace(/[^a-z0-9]+/g, '') })
  .chain((names) =>
    fc.record({
      steps: fc.tuple(...names.map(step)),
      cpu: resource(CPU),
      memory: resource(MEMORY),
      caching: fc.boolean(),
      secrets,
      parameters,
      volumes,
      description: fc.option(valueText(40), { nil: undefined }),
      pod: podSettings,
      workflow: workflowSettings,
    }),
  )
  .map(({ steps, cpu, memory, caching, secrets, parameters, volumes, description, pod, workflow }) => {
    const chained = steps.map((s, i) => ({ ...s, next: i + 1 < steps.length ? steps[i + 1].name : 'success' }) as Step);
    return {
      dag: {
        start_at: steps[0].name,
        ...(description !== undefined ? { description } : {}),
        steps: [...chained, { name: 'success', type: 'success' }, { name: 'fail', type: 'fail' }],
      },
      executor: {
        docker_image: 'registry.example.com/team/image:1.0',
        cpu_limit: cpu.limit,
        ...(cpu.request ? { cpu_request: cpu.request } : {}),
        memory_limit: memory.limit,
        ...(memory.request ? { memory_request: memory.request } : {}),
        enable_caching: caching,
        secrets_from_k8s: secrets,
        persistent_volumes: volumes,
        ...pod,
        ...workflow,
        profiles: [],
      },
      services: [{ key: 'run_log_store', type: 'k8s-pvc', config: { persistent_volume_name: 'run-logs', mount_path: '/mnt/run_log_store' } }],
      parameters,
      variables: [],
      files: { dag: 'pipelines/dag.yaml', config: 'pipelines/config.yaml', ...(parameters.length > 0 ? { parameters: 'pipelines/params.yaml' } : {}) },
      layout: {},
    } satisfies Pipeline;
  });
