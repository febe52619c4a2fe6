import { OracleUnsupported } from './scenario';

/**
 * Argo's `depends` expressions (argo-workflows workflow/common/ancestry.go, controller/dag.go):
 * task names with an optional result, `&&`, `||`, `!`, parentheses. A bare `task` means
 * `(task.Succeeded || task.Skipped || task.Daemoned)`.
 */

export type TaskPhase = 'Succeeded' | 'Failed' | 'Errored' | 'Skipped' | 'Omitted' | 'Daemoned';
const RESULTS: readonly TaskPhase[] = ['Succeeded', 'Failed', 'Errored', 'Skipped', 'Omitted', 'Daemoned'];

export type Depends =
  | { kind: 'task'; task: string; result?: TaskPhase }
  | { kind: 'not'; operand: Depends }
  | { kind: 'and' | 'or'; left: Depends; right: Depends };

export function parseDepends(text: string, where: string): Depends {
  const tokens = text.match(/\s*(\(|\)|&&|\|\||!|[A-Za-z0-9_.-]+|\S)/g)?.map((t) => t.trim()) ?? [];
  let at = 0;
  const refuse = (what: string): never => {
    throw new OracleUnsupported(where, `depends ${JSON.stringify(text)}: ${what}`);
  };
  const binary = (kind: 'and' | 'or', operator: string, operand: () => Depends) => (): Depends => {
    let left = operand();
    while (tokens[at] === operator) {
      at++;
      left = { kind, left, right: operand() };
    }
    return left;
  };
  const primary = (): Depends => {
    const token = tokens[at++];
    if (token === '!') return { kind: 'not', operand: primary() };
    if (token === '(') {
      const inner = or();
      if (tokens[at++] !== ')') refuse('unbalanced parentheses');
      return inner;
    }
    if (token === undefined || !/^[A-Za-z0-9_.-]+$/.test(token)) return refuse(`unexpected ${token ?? 'end'}`);
    const dot = token.lastIndexOf('.');
    const suffix = token.slice(dot + 1);
    if (dot > 0 && (RESULTS as readonly string[]).includes(suffix)) return { kind: 'task', task: token.slice(0, dot), result: suffix as TaskPhase };
    // `.AnySucceeded`/`.AllFailed` judge the iterations of a task group one by one: not modelled.
    if (dot > 0 && /^[A-Z]/.test(suffix)) refuse(`the result .${suffix}`);
    return { kind: 'task', task: token };
  };
  const and = binary('and', '&&', primary);
  const or = binary('or', '||', and);
  const expression = or();
  if (at !== tokens.length) refuse(`unexpected ${tokens[at]}`);
  return expression;
}

/** `dependencies: [a, b]` is `a && b` with bare task names. */
export function dependenciesAsDepends(names: string[]): Depends | undefined {
  return names.map((task): Depends => ({ kind: 'task', task })).reduce<Depends | undefined>((left, right) => (left ? { kind: 'and', left, right } : right), undefined);
}

export function dependsTasks(expression: Depends | undefined, into = new Set<string>()): Set<string> {
  if (!expression) return into;
  if (expression.kind === 'task') into.add(expression.task);
  else if (expression.kind === 'not') dependsTasks(expression.operand, into);
  else {
    dependsTasks(expression.left, into);
    dependsTasks(expression.right, into);
  }
  return into;
}

export function evaluateDepends(expression: Depends, phaseOf: (task: string) => TaskPhase): boolean {
  switch (expression.kind) {
    case 'task': {
      const phase = phaseOf(expression.task);
      return expression.result ? phase === expression.result : phase === 'Succeeded' || phase === 'Skipped' || phase === 'Daemoned';
    }
    case 'not':
      return !evaluateDepends(expression.operand, phaseOf);
    case 'and':
      return evaluateDepends(expression.left, phaseOf) && evaluateDepends(expression.right, phaseOf);
    case 'or':
      return evaluateDepends(expression.left, phaseOf) || evaluateDepends(expression.right, phaseOf);
  }
}
