/**
 * Links into the Kubeflow Pipelines UI (kfp-api README §8): a HashRouter with the same routes in
 * 1.8 and 2.x. `uiBase` is the UI's root: the port-forwarded ml-pipeline-ui, or
 * `https://HOST/pipeline/` behind the Kubeflow gateway.
 */
export function kfpLinks(uiBase: string) {
  const root = `${uiBase.replace(/\/+$/, '')}/#`;
  const id = encodeURIComponent;
  return {
    pipeline: (pipelineId: string) => `${root}/pipelines/details/${id(pipelineId)}`,
    version: (pipelineId: string, versionId: string) => `${root}/pipelines/details/${id(pipelineId)}/version/${id(versionId)}`,
    experiment: (experimentId: string) => `${root}/experiments/details/${id(experimentId)}`,
    run: (runId: string) => `${root}/runs/details/${id(runId)}`,
  };
}
