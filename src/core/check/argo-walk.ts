import type { ArgoWorkflow } from './argo-model.ts';
import { VariableReferences } from './argo-variables.ts';
import type { CheckProblem } from './types.ts';
import { at, objectOrEmpty } from './values.ts';

const IMAGE_PULL_POLICIES = ['Always', 'Never', 'IfNotPresent'];
const RETRY_POLICIES = ['Always', 'OnFailure', 'OnError', 'OnTransientError'];

/**
 * One walk of the whole document for the rules that look at every object or string: the `{{…}}`
 * references (argo-variables.ts) and the enum-like strings Kubernetes rejects the pod for, long after
 * upload (Argo itself checks only retryPolicy). Paths are built only for what is reported.
 *
 * A mapping or list found quiet — no problem in it, and nothing in it whose verdict depends on where
 * it is — is quiet wherever else it is found, so it is walked once: the block reader gives a block
 * that repeats (a step's env, resources, mounts, volumes) as one object.
 */
export function walkProblems(workflow: ArgoWorkflow): { references: CheckProblem[]; enums: CheckProblem[] } {
  const walk = new Walk(new VariableReferences(workflow));
  walk.node(workflow.doc);
  return { references: walk.references.problems(), enums: walk.enums };
}

/** One recursive method, its leaves handled in place: the walk visits every node of a large document, cold. */
class Walk {
  readonly enums: CheckProblem[] = [];
  private readonly segments: Array<string | number> = [];
  private readonly quiet = new Set<object>();
  private readonly pathOf = () => at('', ...this.segments);

  constructor(readonly references: VariableReferences) {}

  /** Whether `node`, a mapping or a list, is quiet. */
  node(node: object): boolean {
    if (this.quiet.has(node)) return true;
    const { segments } = this;
    const keys = Array.isArray(node) ? undefined : Object.keys(node);
    const count = keys === undefined ? (node as unknown[]).length : keys.length;
    const enumsBefore = this.enums.length;
    let pullPolicy: unknown;
    let retryStrategy: unknown;
    let quiet = true;
    for (let i = 0; i < count; i++) {
      const key = keys === undefined ? i : keys[i];
      const child = (node as Record<string | number, unknown>)[key];
      if (key === 'imagePullPolicy') pullPolicy = child;
      else if (key === 'retryStrategy') retryStrategy = child;
      if (typeof child === 'string') {
        if (!child.includes('{{')) continue;
        segments.push(key);
        if (!this.references.visit(child, segments, this.pathOf)) quiet = false;
        segments.pop();
      } else if (typeof child === 'object' && child !== null) {
        segments.push(key);
        if (!this.node(child)) quiet = false;
        segments.pop();
      }
    }
    if ((pullPolicy !== undefined || retryStrategy !== undefined) && !this.enumsFine(pullPolicy, retryStrategy, enumsBefore)) quiet = false;
    if (quiet) this.quiet.add(node);
    return quiet;
  }

  /**
   * Whether a mapping's own enum-like strings are fine; their problems go before those found inside
   * the mapping (at `index`), in document order.
   */
  private enumsFine(pullPolicy: unknown, retryStrategy: unknown, index: number): boolean {
    const problems: CheckProblem[] = [];
    if (typeof pullPolicy === 'string' && !pullPolicy.includes('{{') && !IMAGE_PULL_POLICIES.includes(pullPolicy))
      problems.push({
        path: at('', ...this.segments, 'imagePullPolicy'),
        message: `imagePullPolicy "${pullPolicy}" must be one of ${IMAGE_PULL_POLICIES.join(', ')}`,
      });
    const retryPolicy = objectOrEmpty(retryStrategy).retryPolicy;
    if (typeof retryPolicy === 'string' && !RETRY_POLICIES.includes(retryPolicy))
      problems.push({
        path: at('', ...this.segments, 'retryStrategy', 'retryPolicy'),
        message: `retryPolicy "${retryPolicy}" must be one of ${RETRY_POLICIES.join(', ')}`,
      });
    this.enums.splice(index, 0, ...problems);
    return problems.length === 0;
  }
}
