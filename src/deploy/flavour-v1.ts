import { parseAllDocuments } from 'yaml';
import { equalsFilter } from './filter';
import type { Flavour, Plan, Ref } from './flow';
import type { KfpHttp } from './http';
import { findNamed, refFrom } from './lookup';
import { v1ParameterValue } from './parameters';

interface V1Named {
  id?: string;
  name?: string;
}
interface V1Pipeline extends V1Named {
  default_version?: V1Named;
}

const API = '/apis/v1beta1';
const UPLOAD_FILE = 'pipeline.yaml';

/**
 * KFP 1.8 (and KFP v1 pipelines on 2.x), as the 1.8 SDK calls it (kfp-api README §4): pipelines
 * are cluster-wide (no namespace), experiments belong to the namespace through a resource
 * reference, runs reference their experiment (OWNER) and pipeline version (CREATOR).
 */
export function v1Flavour(http: KfpHttp, plan: Plan): Flavour {
  const namespace = plan.namespace || undefined;
  const ref = (o: V1Named | undefined, fallbackName: string, what: string): Ref => refFrom(http, what, o?.id, o?.name ?? fallbackName);
  const namespaceKey = namespace ? { 'resource_reference_key.type': 'NAMESPACE', 'resource_reference_key.id': namespace } : {};
  const findVersion = (pipelineId: string, name: string) =>
    findNamed<V1Named>(http, {
      what: `look up version "${name}"`,
      path: `${API}/pipeline_versions`,
      query: { 'resource_key.type': 'PIPELINE', 'resource_key.id': pipelineId, filter: equalsFilter('v1beta1', 'name', name) },
      list: 'versions',
      name,
      nameOf: (v) => v.name,
      idOf: (v) => v.id,
    });

  return {
    findPipeline: () =>
      findNamed<V1Named>(http, {
        what: `look up pipeline "${plan.pipelineName}"`,
        path: `${API}/pipelines`,
        query: { filter: equalsFilter('v1beta1', 'name', plan.pipelineName) },
        list: 'pipelines',
        name: plan.pipelineName,
        nameOf: (p) => p.name,
        idOf: (p) => p.id,
      }),

    async createPipeline() {
      const what = `upload pipeline "${plan.pipelineName}"`;
      const created = await http.json<V1Pipeline>({
        method: 'POST',
        path: `${API}/pipelines/upload`,
        query: { name: plan.pipelineName, description: plan.description || undefined },
        file: { name: UPLOAD_FILE, text: plan.text },
        retrySafe: true,
        what,
      });
      const pipeline = ref(created, plan.pipelineName, what);
      return { pipeline, firstVersion: ref(created.default_version, pipeline.name, what) };
    },

    findVersion,

    async firstVersionWithSameContent(pipelineId) {
      const first = await findVersion(pipelineId, plan.pipelineName);
      if (!first) return undefined;
      const answer = await http.json<{ template?: string }>({
        method: 'GET',
        path: `${API}/pipeline_versions/${encodeURIComponent(first.id)}/templates`,
        retrySafe: true,
        what: `read version "${first.name}"`,
      });
      return answer.template !== undefined && sameDocument(answer.template, plan.text) ? first : undefined;
    },

    async uploadVersion(pipelineId) {
      const what = `upload version "${plan.versionName}"`;
      const uploaded = await http.json<V1Named>({
        method: 'POST',
        path: `${API}/pipelines/upload_version`,
        query: { pipelineid: pipelineId, name: plan.versionName, description: plan.description || undefined },
        file: { name: UPLOAD_FILE, text: plan.text },
        retrySafe: true,
        what,
      });
      return ref(uploaded, plan.versionName, what);
    },

    findExperiment: (name) =>
      findNamed<V1Named>(http, {
        what: `look up experiment "${name}"`,
        path: `${API}/experiments`,
        query: { filter: equalsFilter('v1beta1', 'name', name), ...namespaceKey },
        list: 'experiments',
        name,
        nameOf: (e) => e.name,
        idOf: (e) => e.id,
      }),

    async createExperiment(name) {
      const what = `create experiment "${name}"`;
      const created = await http.json<V1Named>({
        method: 'POST',
        path: `${API}/experiments`,
        json: { name, ...(namespace ? { resource_references: [{ key: { type: 'NAMESPACE', id: namespace }, relationship: 'OWNER' }] } : {}) },
        retrySafe: true,
        what,
      });
      return ref(created, name, what);
    },

    async createRun(experimentId, _pipelineId, versionId) {
      const run = plan.run!;
      const what = `start run "${run.name}"`;
      const created = await http.json<{ run?: V1Named }>({
        method: 'POST',
        path: `${API}/runs`,
        json: {
          name: run.name,
          pipeline_spec: { parameters: [...run.parameters].map(([name, value]) => ({ name, value: v1ParameterValue(value) })) },
          resource_references: [
            { key: { type: 'EXPERIMENT', id: experimentId }, relationship: 'OWNER' },
            { key: { type: 'PIPELINE_VERSION', id: versionId }, relationship: 'CREATOR' },
          ],
        },
        retrySafe: false,
        what,
      });
      return ref(created.run, run.name, what);
    },
  };
}

/**
 * Whether the server's copy is this file. 1.8 keeps the upload as it was; 2.x re-serialises an
 * Argo workflow as JSON, so the documents are compared, not the texts. A false "different" only
 * costs one more version; a false "same" cannot happen.
 */
function sameDocument(stored: string, ours: string): boolean {
  if (stored === ours) return true;
  const read = (text: string) => {
    const docs = parseAllDocuments(text);
    if (docs.some((d) => 'errors' in d && d.errors.length > 0)) return undefined;
    return JSON.stringify(docs.map((d) => ('toJS' in d ? sortKeys(d.toJS({ maxAliasCount: 0 })) : null)));
  };
  const a = read(stored);
  return a !== undefined && a === read(ours);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}
