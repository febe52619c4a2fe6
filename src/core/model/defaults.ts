import type { Graph, Pipeline } from './types';

/** What the magnus kfp executor assumed when a key is absent (docs §9.2, ext ≥0.2.1). */
export const KFP_DEFAULTS = {
  output_file: 'pipeline.yaml',
  cpu_limit: '250m',
  memory_limit: '1G',
  gpu_limit: '0',
  /** '' means: the effective limit. */
  cpu_request: '',
  memory_request: '',
  enable_caching: false,
  enable_parallel: false,
  image_pull_policy: 'Always',
} as const;

/** magnus `execute --file` default; the same name as the default output_file, which is a trap (§9.2). */
export const DEFAULT_DAG_FILE = 'pipeline.yaml';

/** A pipeline with nothing but `dag`: no settings, parameters, variables or positions. */
export function pipelineOf(dag: Graph): Pipeline {
  return { dag, executor: { profiles: [] }, services: [], parameters: [], variables: [], files: { dag: DEFAULT_DAG_FILE }, layout: {} };
}

export const IMAGE_PULL_POLICIES = ['Always', 'Never', 'IfNotPresent'] as const;

/** The image a new pipeline starts with: a stand-in to replace, which no cluster can pull as it is. */
export const PLACEHOLDER_IMAGE = 'ghcr.io/your-org/your-image:latest';

export const COMMAND_TYPES = ['python', 'shell', 'notebook', 'python-lambda', 'python-function', 'container'] as const;
