import type { Diagnostic } from '../diagnostics';
import { pipelineSteps } from './visits';
import { referencedVariables } from '../model/variables';
import type { Pipeline, SecretEntry } from '../model/types';
import { error, quote, stepTarget, warning, type Target } from './report';
import { PVC_SERVICE_TYPES } from './validate-volumes';
import { writtenSettings } from './written';

/** Python's `string.Template` identifier, which decides what `$name` refers to (§6.2). */
const VARIABLE_NAME = /^[_a-zA-Z][_a-zA-Z0-9]*$/;

/**
 * `${name}` / `$name` (§6.2): every variable an emitted value uses must have a value, variables
 * must be nameable, and step names should not use them — the containers re-read the pipeline
 * without the transpiler's variables, so a substituted name would not be found there.
 */
export function validateVariables(pipeline: Pipeline): Diagnostic[] {
  return [...checkDeclarations(pipeline), ...checkUndefined(pipeline), ...checkStepNames(pipeline)];
}

function checkDeclarations(pipeline: Pipeline): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const { name } of pipeline.variables) {
    const target = { field: `variables.${name}` };
    if (!VARIABLE_NAME.test(name)) {
      diagnostics.push(
        error('E_VARIABLE_NAME', `variable name ${quote(name)} cannot be referred to as $name: use a letter or \`_\`, then letters, digits or \`_\` (e.g. ${quote(name.replace(/[^_a-zA-Z0-9]/g, '_').replace(/^(\d)/, '_$1') || 'image')})`, target),
      );
    }
    if (seen.has(name)) diagnostics.push(error('E_VARIABLE_DUPLICATE', `variable ${quote(name)} is defined twice; keep one value`, target));
    seen.add(name);
  }
  return diagnostics;
}

interface EmittedText {
  text: string;
  /** The setting as the user knows it, e.g. docker_image. */
  label: string;
  target: Target;
}

/** Every value the transpiler writes into the output, where it was written. */
function* emittedTexts(pipeline: Pipeline): Generator<EmittedText> {
  for (const setting of writtenSettings(pipeline)) {
    const { value } = setting;
    if (setting.key === 'secrets_from_k8s' && Array.isArray(value)) {
      for (const entry of value as SecretEntry[]) {
        const target = { ...setting.target, field: `${setting.field}.${entry.env}` };
        yield { text: entry.env, label: 'a secret environment variable', target };
        yield { text: entry.ref, label: `the secret for ${quote(entry.env)}`, target };
      }
    } else if (typeof value === 'string') {
      yield { text: value, label: setting.key, target: setting.target };
    }
  }
  const { executor } = pipeline;
  if (executor.output_file !== undefined) yield { text: executor.output_file, label: 'output_file', target: { field: 'executor.output_file' } };
  for (const volume of executor.persistent_volumes ?? []) {
    const target = { field: `executor.persistent_volumes.${volume.claim}` };
    yield { text: volume.claim, label: 'a persistent volume claim', target };
    yield { text: volume.mountPath, label: `the mount path of ${quote(volume.claim)}`, target };
  }
  for (const service of pipeline.services) {
    if (!PVC_SERVICE_TYPES.includes(service.type ?? '')) continue;
    for (const key of ['persistent_volume_name', 'mount_path']) {
      const value = service.config?.[key];
      if (typeof value === 'string') yield { text: value, label: key, target: { field: `services.${service.key}.${key}` } };
    }
  }
}

function checkUndefined(pipeline: Pipeline): Diagnostic[] {
  const known = new Set(pipeline.variables.map((v) => v.name));
  const diagnostics: Diagnostic[] = [];
  const reported = new Set<string>();
  for (const emitted of emittedTexts(pipeline)) {
    for (const name of referencedVariables(emitted.text)) {
      const key = `${emitted.target.step ?? ''}\u0000${emitted.target.field ?? ''}\u0000${name}`;
      if (known.has(name) || reported.has(key)) continue;
      reported.add(key);
      diagnostics.push(
        error(
          'E_VARIABLE_UNDEFINED',
          `${emitted.label} uses the variable ${quote(name)}, which has no value; add a variable named ${name} (magnus: MAGNUS_VAR_${name}) or write the value itself (write $$ for a literal $)`,
          emitted.target,
        ),
      );
    }
  }
  return diagnostics;
}

function checkStepNames(pipeline: Pipeline): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const visit of pipelineSteps(pipeline)) {
    const names = [{ name: visit.step.name, target: stepTarget(visit, 'name'), what: 'step name' }];
    if (visit.step.type === 'parallel') {
      names.push(...visit.step.branches.map((b) => ({ name: b.name, target: stepTarget(visit, `branches.${b.name}`), what: 'branch name' })));
    }
    for (const { name, target, what } of names) {
      const used = referencedVariables(name);
      if (used.length === 0) continue;
      diagnostics.push(
        warning(
          'W_VARIABLE_IN_STEP_NAME',
          `${what} ${quote(name)} uses ${used.map((v) => quote('$' + v)).join(', ')}: variables are not substituted inside the containers, which look steps up by name, so the name may not match there; write it without \`$\``,
          target,
        ),
      );
    }
  }
  return diagnostics;
}
