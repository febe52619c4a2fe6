/** The rules that look at each template on its own: its name and type, its containers' mounts and env vars, its volumes. */
import type { ArgoTemplate, ArgoWorkflow } from './argo-model.ts';
import { duplicateProblems, listDuplicates, nameProblems, type Placed } from './argo-names.ts';
import type { CheckProblem } from './types.ts';
import { arrayOrEmpty, at, isObject, objectOrEmpty, stringOrUndefined, type JsonObject } from './values.ts';

const TEMPLATE_TYPES = ['container', 'containerSet', 'steps', 'script', 'resource', 'dag', 'suspend', 'data', 'http', 'plugin'];
const CONTAINER = ['container'];
const SCRIPT = ['script'];
const INIT_CONTAINERS = ['initContainers'];
const SIDECARS = ['sidecars'];
const CONTAINER_SET = ['containerSet', 'containers'];
const VOLUMES = ['volumes'];
const ENV = ['env'];

/**
 * One pass over the templates; each rule's problems for every template come out apart, in template
 * order, as separate passes gave them. A list found clean is not checked again where the same list
 * object comes next: the block reader gives a block that repeats (a step's env, mounts and volumes,
 * from one template to the next) as one object, and the rules' verdict on it does not depend on where
 * it is.
 */
export class TemplatePass {
  /** Template names, then repeated names. */
  readonly names: CheckProblem[] = [];
  readonly types: CheckProblem[] = [];
  /** Per template: its mounts without a volume, then its repeated volume names. */
  readonly volumes: CheckProblem[] = [];
  readonly env: CheckProblem[] = [];
  /** The volumes every template can mount: spec.volumes and the volume claim templates. */
  private readonly workflowVolumes: Set<string>;
  /** The names of the current template's own volumes, made when a mount is not a workflow volume. */
  private own: Set<string> | undefined;
  private cleanMounts: unknown[] | undefined;
  private cleanMountsVolumes: unknown[] | undefined;
  private cleanEnv: unknown[] | undefined;
  private cleanVolumes: unknown[] | undefined;

  constructor(workflow: ArgoWorkflow) {
    this.workflowVolumes = workflowVolumeNames(workflow.spec);
    for (const template of workflow.templates) {
      nameProblems(this.names, template.value.name, template, 'template');
      this.typeProblems(template);
      this.containers(template);
    }
    duplicateProblems(this.names, workflow.templates, 'template');
  }

  private typeProblems(template: ArgoTemplate): void {
    const { value } = template;
    let count = 0;
    for (const type of TEMPLATE_TYPES) if (value[type] !== undefined && value[type] !== null) count++;
    if (count === 1) return;
    const choices = TEMPLATE_TYPES.join(', ');
    const types = TEMPLATE_TYPES.filter((type) => value[type] !== undefined && value[type] !== null);
    this.types.push({
      path: template.path,
      message:
        count === 0 ? `template has no type: give it exactly one of ${choices}` : `template has several types (${types.join(', ')}): give it exactly one`,
    });
  }

  /** Every container-like object of a template: main container or script, init containers, sidecars, containerSet. */
  private containers(template: ArgoTemplate): void {
    const { value } = template;
    const volumes = arrayOrEmpty(value.volumes);
    this.own = undefined;
    if (isObject(value.container)) this.container(value.container, template, CONTAINER, -1, volumes);
    if (isObject(value.script)) this.container(value.script, template, SCRIPT, -1, volumes);
    this.containerList(value.initContainers, template, INIT_CONTAINERS, volumes);
    this.containerList(value.sidecars, template, SIDECARS, volumes);
    this.containerList(objectOrEmpty(value.containerSet).containers, template, CONTAINER_SET, volumes);
    if (volumes !== this.cleanVolumes) {
      const before = this.volumes.length;
      listDuplicates(this.volumes, volumes, template, VOLUMES, 'volume');
      if (this.volumes.length === before) this.cleanVolumes = volumes;
    }
  }

  private containerList(list: unknown, template: ArgoTemplate, keys: readonly string[], volumes: unknown[]): void {
    const items = arrayOrEmpty(list);
    for (let i = 0; i < items.length; i++) if (isObject(items[i])) this.container(items[i] as JsonObject, template, keys, i, volumes);
  }

  /** A container at `keys` (and `index`, unless -1) in `template`, whose volumes are `volumes`. */
  private container(container: JsonObject, template: ArgoTemplate, keys: readonly string[], index: number, volumes: unknown[]): void {
    const mounts = arrayOrEmpty(container.volumeMounts);
    if (mounts.length > 0 && (mounts !== this.cleanMounts || volumes !== this.cleanMountsVolumes)) {
      let clean = true;
      for (let i = 0; i < mounts.length; i++) {
        const name = stringOrUndefined(objectOrEmpty(mounts[i]).name);
        if (name === undefined || this.workflowVolumes.has(name) || (this.own ??= volumeNames(volumes)).has(name)) continue;
        this.volumes.push({
          path: at(containerPath(template, keys, index), 'volumeMounts', i, 'name'),
          message: `volumeMount "${name}" has no matching volume in the template's volumes or spec.volumes`,
        });
        clean = false;
      }
      if (clean) {
        this.cleanMounts = mounts;
        this.cleanMountsVolumes = volumes;
      }
    }
    const env = arrayOrEmpty(container.env);
    if (env.length > 1 && env !== this.cleanEnv) {
      const before = this.env.length;
      listDuplicates(this.env, env, new ContainerPlace(template, keys, index), ENV, 'env var');
      if (this.env.length === before) this.cleanEnv = env;
    }
  }
}

class ContainerPlace implements Placed {
  constructor(
    private readonly template: ArgoTemplate,
    private readonly keys: readonly string[],
    private readonly index: number,
  ) {}

  get path(): string {
    return containerPath(this.template, this.keys, this.index);
  }
}

function containerPath(template: ArgoTemplate, keys: readonly string[], index: number): string {
  return index < 0 ? at(template.path, ...keys) : at(template.path, ...keys, index);
}

function workflowVolumeNames(spec: JsonObject): Set<string> {
  const names = volumeNames(arrayOrEmpty(spec.volumes));
  const claims = arrayOrEmpty(spec.volumeClaimTemplates);
  for (let i = 0; i < claims.length; i++) {
    const name = stringOrUndefined(objectOrEmpty(objectOrEmpty(claims[i]).metadata).name);
    if (name !== undefined) names.add(name);
  }
  return names;
}

function volumeNames(volumes: unknown[]): Set<string> {
  const names = new Set<string>();
  for (let i = 0; i < volumes.length; i++) {
    const name = stringOrUndefined(objectOrEmpty(volumes[i]).name);
    if (name !== undefined) names.add(name);
  }
  return names;
}
