export type { CheckProblem, CheckResult } from './types.ts';
export { checkArgoWorkflow, checkArgoWorkflowYaml } from './argo.ts';
export { checkKfpV2, checkKfpV2Yaml } from './kfp-v2.ts';
