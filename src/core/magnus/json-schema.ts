/**
 * JSON Schemas of the magnus files as kfp-designer writes them (the seed's dialect), for editor
 * completion, hover documentation and schema errors (monaco-yaml). The validator stays the
 * authority: the schemas describe the shape, not every rule (cycles, graph-local edges…).
 */

const QUANTITY = '^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+|[KMGTPE]i|[mkMGTPE])?$';
const quantity = (description: string) => ({ type: 'string', pattern: QUANTITY, description });

const stepSettings = {
  docker_image: { type: 'string', description: 'Image the step runs in (magnus, your code and the pipeline files inside).' },
  cpu_limit: quantity('CPU limit, a Kubernetes quantity: 500m, 1, 2.5. Default 250m.'),
  memory_limit: quantity('Memory limit, a Kubernetes quantity: 512Mi, 1G, 2Gi. Default 1G.'),
  cpu_request: quantity('CPU request; empty means the CPU limit. Must not exceed the limit.'),
  memory_request: quantity('Memory request; empty means the memory limit. Must not exceed the limit.'),
  gpu_limit: { type: ['string', 'integer'], pattern: '^[0-9]+$', minimum: 0, description: 'Number of nvidia.com/gpu; 0 for none.' },
  image_pull_policy: { enum: ['Always', 'IfNotPresent', 'Never'], description: 'Kubernetes image pull policy. Default Always.' },
  secrets_from_k8s: {
    type: 'object',
    description: 'Environment variables from Kubernetes secrets: ENV_VAR: "secret-name:key". A step\'s list replaces the global one.',
    additionalProperties: { type: 'string', pattern: '^[^:]+:[^:]+$' },
  },
  env: { type: 'object', additionalProperties: { type: 'string' }, description: "Environment variables of the step's container: NAME: value. A step's list replaces the global one." },
  node_selector: { type: 'object', additionalProperties: { type: 'string' }, description: 'Kubernetes node selector: label: value. The pod runs only on nodes with these labels.' },
  tolerations: {
    type: 'array',
    description: 'Kubernetes tolerations: taints of the nodes the pod may run on.',
    items: {
      type: 'object',
      properties: {
        key: { type: 'string' },
        operator: { enum: ['Equal', 'Exists'] },
        value: { type: 'string' },
        effect: { enum: ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] },
        tolerationSeconds: { type: ['string', 'integer'] },
      },
    },
  },
  active_deadline_seconds: { type: ['string', 'integer'], description: "Seconds the step's pod may run before Kubernetes stops it." },
  timeout: { type: 'string', description: 'Argo timeout of the step, pending time included (e.g. 2h); not in KFP v2.' },
  retry_limit: { type: ['string', 'integer'], description: 'Retries of a step that has no retry/max_attempts of its own.' },
  retry_policy: { enum: ['Always', 'OnFailure', 'OnError', 'OnTransientError'], description: 'Argo retry policy; KFP v2 retries on any failure.' },
  backoff_duration: { type: ['string', 'integer'], description: 'Wait before the first retry: seconds or a duration (2m).' },
  backoff_factor: { type: ['string', 'number'], description: 'Each retry waits this many times longer.' },
  backoff_max_duration: { type: ['string', 'integer'], description: 'Longest wait between retries: seconds or a duration (1h).' },
  parallelism: { type: ['string', 'integer'], description: 'Parallel/map steps: how many branches or items run at once.' },
};

const flow = {
  next: { type: 'string', description: 'The step (of this graph) to run after this one succeeds.' },
  on_failure: { type: 'string', description: "The step (of this graph) to run if this one fails, instead of the graph's fail step." },
};

const overrides = {
  executor_config: {
    type: 'object',
    description: 'Per-executor overrides of this step; the kfp executor reads `kfp`.',
    properties: {
      kfp: {
        type: 'object',
        description: 'Settings this step overrides. A key with no value applies the placeholder profile of that name.',
        properties: stepSettings,
      },
    },
  },
};

const retry = { type: 'integer', minimum: 1, description: 'Attempts in all (1 = run once); becomes N − 1 retries in Kubeflow.' };

function stepSchema(type: string, properties: Record<string, unknown>, required: string[]) {
  return {
    if: { properties: { type: { const: type } }, required: ['type'] },
    then: { properties, required },
  };
}

export const MAGNUS_DAG_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'magnus pipeline',
  type: 'object',
  required: ['dag'],
  properties: {
    dag: { $ref: '#/definitions/graph' },
    'kfp-designer': {
      type: 'object',
      description: "kfp-designer's own data (in-image file paths, variable values, canvas positions); magnus ignores it.",
      properties: {
        files: {
          type: 'object',
          properties: {
            dag: { type: 'string', description: 'Path of this file inside the image.' },
            config: { type: ['string', 'null'], description: 'Path of the config file inside the image.' },
            parameters: { type: ['string', 'null'], description: 'Path of the parameters file inside the image.' },
          },
        },
        variables: { type: 'object', additionalProperties: { type: 'string' }, description: 'Values for ${name} in the config.' },
        layout: { type: 'object', additionalProperties: { type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 2 } },
        tag: { type: 'string' },
      },
    },
  },
  definitions: {
    graph: {
      type: 'object',
      required: ['start_at', 'steps'],
      properties: {
        start_at: { type: 'string', description: 'The first step of this graph.' },
        description: { type: 'string' },
        steps: { type: 'object', description: 'The steps, by name (no `.` or `%` in names).', additionalProperties: { $ref: '#/definitions/step' } },
      },
    },
    step: {
      type: 'object',
      required: ['type'],
      properties: {
        type: {
          enum: ['task', 'as-is', 'stub', 'success', 'fail', 'parallel', 'map', 'dag'],
          description: 'task runs a command; as-is/stub does nothing; success/fail end the graph; parallel, map and dag run branches.',
        },
        ...overrides,
      },
      allOf: [
        stepSchema(
          'task',
          {
            ...flow,
            command: { type: 'string', description: 'python: module.function; shell: a command line; notebook: path to .ipynb.' },
            command_type: { enum: ['python', 'shell', 'notebook', 'python-lambda', 'python-function', 'container'], description: 'How command is run. Default python.' },
            retry,
            catalog: {
              type: 'object',
              properties: {
                get: { type: 'array', items: { type: 'string' }, description: 'Globs copied from the catalog before the step.' },
                put: { type: 'array', items: { type: 'string' }, description: 'Globs copied to the catalog after a successful run.' },
                compute_data_folder: { type: 'string' },
              },
            },
          },
          ['command', 'next'],
        ),
        stepSchema('as-is', { ...flow, retry }, ['next']),
        stepSchema('stub', { ...flow, max_attempts: retry }, ['next']),
        stepSchema('parallel', { ...flow, branches: { type: 'object', minProperties: 1, additionalProperties: { $ref: '#/definitions/graph' }, description: 'Branches by name; each a graph with its own success and fail steps.' } }, ['next', 'branches']),
        stepSchema(
          'map',
          {
            ...flow,
            iterate_on: { type: 'string', description: 'Parameter holding the list to iterate over.' },
            iterate_as: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$', description: 'Name each item is given inside the branch.' },
            branch: { $ref: '#/definitions/graph' },
          },
          ['next', 'iterate_on', 'iterate_as', 'branch'],
        ),
        stepSchema('dag', { ...flow, dag_definition: { type: 'string', description: 'Another magnus file, relative to the working directory.' } }, ['next', 'dag_definition']),
      ],
    },
  },
} as const;

const service = (description: string) => ({
  type: 'object',
  description,
  properties: { type: { type: 'string' }, config: { type: 'object' } },
});

export const MAGNUS_CONFIG_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'magnus config (kfp executor)',
  type: 'object',
  properties: {
    executor: {
      type: 'object',
      required: ['type'],
      properties: {
        type: { const: 'kfp', description: 'The Kubeflow executor of magnus-extensions.' },
        config: {
          type: 'object',
          properties: {
            ...stepSettings,
            output_file: { type: 'string', description: 'Where the Kubeflow pipeline is written. Default pipeline.yaml.' },
            enable_caching: { type: 'boolean', description: 'Let Kubeflow reuse cached step results. Default false.' },
            enable_parallel: { type: 'boolean' },
            persistent_volumes: {
              description: 'PVC claim name: mount path, mounted in every step (or a list of {name, mount_path, read_only}).',
              oneOf: [
                { type: 'object', additionalProperties: { type: 'string', pattern: '^/' } },
                { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, mount_path: { type: 'string', pattern: '^/' }, read_only: { type: 'boolean' } } } },
              ],
            },
            pvc_for_runnable: { type: 'string', description: "runnable's claim, mounted at /tmp in every step (its Argo pods keep run logs and catalog there)." },
            secret_from_k8s: { type: 'string', description: "The Secret a runnable task's `secrets: [X]` are read from (key X into env X)." },
            service_account: { type: 'string', description: 'Service account of the workflow (Argo); Kubeflow takes it at run creation.' },
            namespace: { type: 'string', description: 'Namespace of the workflow (Argo); Kubeflow uses the run\'s.' },
            generate_name: { type: 'string', description: 'Prefix of the workflow name (e.g. train-).' },
            labels: { type: 'object', additionalProperties: { type: 'string' }, description: 'Workflow labels (KFP v2: on every pod).' },
            annotations: { type: 'object', additionalProperties: { type: 'string' }, description: 'Workflow annotations (KFP v2: on every pod).' },
            workflow_parallelism: { type: ['string', 'integer'], description: 'Pods of the whole workflow running at once (Argo, KFP v1).' },
            workflow_active_deadline_seconds: { type: ['string', 'integer'], description: 'Time limit of the whole workflow in seconds (Argo, KFP v1).' },
            log_level: { enum: ['DEBUG', 'INFO', 'WARNING', 'ERROR', 'FATAL'], description: "--log-level of magnus in every container. Default WARNING." },
            placeholders: { type: 'object', additionalProperties: { type: 'object', properties: stepSettings }, description: 'Named profiles steps apply with `name:` (no value).' },
          },
        },
      },
    },
    run_log_store: service('Where magnus keeps the run log; the kfp executor needs one every container shares (e.g. k8s-pvc).'),
    catalog: service('Where catalog get/put copy data.'),
    secrets: service('magnus secrets provider.'),
    experiment_tracker: service('magnus experiment tracker.'),
  },
} as const;
