import { equalsFilter } from './filter';
import type { Flavour, Plan } from './flow';
import type { KfpHttp } from './http';
import { findNamed, refFrom } from './lookup';

/** The fields read from v2beta1 answers (snake_case, empty fields omitted: README §2). */
interface V2Pipeline {
  pipeline_id?: string;
  name?: string;
  display_name?: string;
  namespace?: string;
}
interface V2Version {
  pipeline_version_id?: string;
  name?: string;
  display_name?: string;
}
interface V2Experiment {
  experiment_id?: string;
  display_name?: string;
}

const API = '/apis/v2beta1';
const UPLOAD_FILE = 'pipeline.yaml';

/**
 * KFP ≥ 2.0 (kfp-api README §3). A new pipeline is created empty and its first version uploaded
 * like every later one, so every version carries the name chosen for it (an upload of a new
 * pipeline would name its first version after the pipeline). Pipelines are created by
 * `display_name`, which every 2.x reads (2.14 added `name`, and copies display_name into it).
 */
export function v2Flavour(http: KfpHttp, plan: Plan): Flavour {
  const namespace = plan.namespace || undefined;
  const nameOf = (o: { name?: string; display_name?: string }) => o.name ?? o.display_name;

  return {
    findPipeline: () =>
      findNamed<V2Pipeline>(http, {
        what: `look up pipeline "${plan.pipelineName}"`,
        path: `${API}/pipelines`,
        query: { namespace, filter: equalsFilter('v2beta1', 'name', plan.pipelineName) },
        list: 'pipelines',
        name: plan.pipelineName,
        nameOf,
        idOf: (p) => p.pipeline_id,
        // Listed with a namespace, a multi-user server may add shared pipelines: the user's own first.
        prefer: (p) => (p.namespace ?? '') === (namespace ?? ''),
      }),

    async createPipeline() {
      const what = `create pipeline "${plan.pipelineName}"`;
      const created = await http.json<V2Pipeline>({
        method: 'POST',
        path: `${API}/pipelines`,
        json: { display_name: plan.pipelineName, ...(plan.description ? { description: plan.description } : {}), ...(namespace ? { namespace } : {}) },
        retrySafe: true,
        what,
      });
      return { pipeline: refFrom(http, what, created.pipeline_id, nameOf(created) ?? plan.pipelineName) };
    },

    async deletePipeline(pipelineId) {
      await http.json({ method: 'DELETE', path: `${API}/pipelines/${encodeURIComponent(pipelineId)}`, retrySafe: true, what: 'remove the empty pipeline' });
    },

    findVersion: (pipelineId, name) =>
      findNamed<V2Version>(http, {
        what: `look up version "${name}"`,
        path: `${API}/pipelines/${encodeURIComponent(pipelineId)}/versions`,
        query: { filter: equalsFilter('v2beta1', 'name', name) },
        list: 'pipeline_versions',
        name,
        nameOf,
        idOf: (v) => v.pipeline_version_id,
      }),

    async uploadVersion(pipelineId) {
      const what = `upload version "${plan.versionName}"`;
      const uploaded = await http.json<V2Version>({
        method: 'POST',
        path: `${API}/pipelines/upload_version`,
        query: { pipelineid: pipelineId, name: plan.versionName, description: plan.description || undefined },
        file: { name: UPLOAD_FILE, text: plan.text },
        retrySafe: true,
        what,
      });
      return refFrom(http, what, uploaded.pipeline_version_id, nameOf(uploaded) ?? plan.versionName);
    },

    findExperiment: (name) =>
      findNamed<V2Experiment>(http, {
        what: `look up experiment "${name}"`,
        path: `${API}/experiments`,
        query: { namespace, filter: equalsFilter('v2beta1', 'display_name', name) },
        list: 'experiments',
        name,
        nameOf: (e) => e.display_name,
        idOf: (e) => e.experiment_id,
      }),

    async createExperiment(name) {
      const what = `create experiment "${name}"`;
      const created = await http.json<V2Experiment>({
        method: 'POST',
        path: `${API}/experiments`,
        json: { display_name: name, ...(namespace ? { namespace } : {}) },
        retrySafe: true,
        what,
      });
      return refFrom(http, what, created.experiment_id, created.display_name ?? name);
    },

    async createRun(experimentId, pipelineId, versionId) {
      const run = plan.run!;
      const what = `start run "${run.name}"`;
      const created = await http.json<{ run_id?: string; display_name?: string }>({
        method: 'POST',
        path: `${API}/runs`,
        json: {
          display_name: run.name,
          experiment_id: experimentId,
          pipeline_version_reference: { pipeline_id: pipelineId, pipeline_version_id: versionId },
          runtime_config: { parameters: Object.fromEntries(run.parameters) },
        },
        // A second POST would start a second run.
        retrySafe: false,
        what,
      });
      return refFrom(http, what, created.run_id, created.display_name ?? run.name);
    },
  };
}
