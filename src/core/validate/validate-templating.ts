import type { Diagnostic } from '../diagnostics';
import { walkGraphs } from '../model/paths';
import { pipelineSteps } from './visits';
import { WORKFLOW_TEXT_SETTING_KEYS, type NamedValue, type Pipeline, type SecretEntry, type Toleration } from '../model/types';
import { PVC_SERVICE_TYPES } from './validate-volumes';
import { error, graphTarget, quote, stepTarget, type Target } from './report';
import { resolvedText, writtenSettings } from './written';

/**
 * `{{…}}` in a user's text that reaches the output. Argo substitutes `{{…}}` everywhere in a
 * workflow (commands, images, env values, names, arguments), and the KFP v2 backend hands the
 * pipeline spec to Argo as text and resolves its own `{{$.…}}` placeholders in commands: such a
 * text would be refused at submission ("failed to resolve {{…}}") or replaced by something else.
 * Every place a user's text lands in the output is checked here, where it was written.
 */
export function validateTemplating(pipeline: Pipeline): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const check = (text: string | undefined, what: string, target: Target) => {
    if (text === undefined) return;
    const resolved = resolvedText(pipeline, text) ?? text;
    const at = resolved.indexOf('{{');
    if (at < 0) return;
    diagnostics.push(
      error(
        'E_TEMPLATE_BRACES',
        `${what} ${quote(resolved)} contains \`${resolved.slice(at, at + 2)}\`, which Argo and Kubeflow read as a template expression where it lands in the workflow (a command, image, name or value): the workflow would be refused at submission or run with something else in its place; remove the braces`,
        target,
      ),
    );
  };

  for (const visit of pipelineSteps(pipeline)) {
    check(visit.step.name, 'step name', stepTarget(visit, 'name'));
    if (visit.step.type === 'parallel') for (const b of visit.step.branches) check(b.name, 'branch name', stepTarget(visit, `branches.${b.name}`));
  }
  for (const { graph, path } of walkGraphs(pipeline.dag)) {
    if (path === '') check(graph.description, 'the description', graphTarget(path, 'description'));
  }
  for (const setting of writtenSettings(pipeline)) {
    const { value, field, target } = setting;
    const at = (name: string): Target => ({ ...target, field: `${field}.${name}` });
    if (typeof value === 'string') check(value, setting.key, target);
    else if (Array.isArray(value) && setting.key === 'secrets_from_k8s') {
      for (const s of value as SecretEntry[]) {
        check(s.env, 'a secret environment variable', at(s.env));
        check(s.ref, `the secret for ${quote(s.env)}`, at(s.env));
      }
    } else if (Array.isArray(value) && (setting.key === 'env' || setting.key === 'node_selector')) {
      for (const v of value as NamedValue[]) {
        check(v.name, setting.key === 'env' ? 'an environment variable name' : 'a node selector label', at(v.name));
        check(v.value, `the value of ${quote(v.name)}`, at(v.name));
      }
    } else if (Array.isArray(value) && setting.key === 'tolerations') {
      (value as Toleration[]).forEach((t, i) => Object.values(t).forEach((text) => check(String(text), 'a toleration', at(String(i)))));
    }
  }
  const { executor } = pipeline;
  for (const key of WORKFLOW_TEXT_SETTING_KEYS) {
    check(executor[key], key, { field: `executor.${key}` });
  }
  for (const key of ['labels', 'annotations'] as const) {
    for (const v of executor[key] ?? []) {
      check(v.name, `a workflow ${key.slice(0, -1)}`, { field: `executor.${key}.${v.name}` });
      check(v.value, `the value of ${quote(v.name)}`, { field: `executor.${key}.${v.name}` });
    }
  }
  for (const volume of executor.persistent_volumes ?? []) {
    check(volume.claim, 'a persistent volume claim', { field: `executor.persistent_volumes.${volume.claim}` });
    check(volume.mountPath, 'a mount path', { field: `executor.persistent_volumes.${volume.claim}` });
  }
  for (const service of pipeline.services) {
    if (!PVC_SERVICE_TYPES.includes(service.type ?? '')) continue;
    for (const key of ['persistent_volume_name', 'mount_path']) {
      const value = service.config && Object.hasOwn(service.config, key) ? service.config[key] : undefined;
      if (typeof value === 'string') check(value, key, { field: `services.${service.key}.${key}` });
    }
  }
  check(pipeline.files.dag, 'the pipeline file path', { field: 'files.dag' });
  check(pipeline.files.config, 'the config file path', { field: 'files.config' });
  check(pipeline.files.parameters, 'the parameters file path', { field: 'files.parameters' });
  check(pipeline.tag, 'the tag', { field: 'tag' });
  for (const parameter of pipeline.parameters) {
    const text = typeof parameter.value === 'string' ? parameter.value : JSON.stringify(parameter.value);
    check(text, `the value of parameter ${quote(parameter.name)}`, { field: `parameters.${parameter.name}` });
  }
  return diagnostics;
}
