import type { Diagnostic } from '../diagnostics';
import { joinPath, walkGraphs } from '../model/paths';
import type { Pipeline } from '../model/types';
import { error, quote, stepTarget, type Target } from './report';

/**
 * Step and branch names (§4.7, §12.2): unique within their graph, free of the characters magnus
 * reserves for paths (`.`) and for spaces in commands (`%`), and free of characters that change
 * meaning when the container command is split with shell rules — magnus encodes only the space.
 */
export function validateStepNames(pipeline: Pipeline): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const { graph, path: graphPath } of walkGraphs(pipeline.dag)) {
    const seen = new Set<string>();
    for (const step of graph.steps) {
      const path = joinPath(graphPath, step.name);
      const target = stepTarget({ path, graphPath }, 'name');
      if (seen.has(step.name)) {
        diagnostics.push(error('E_STEP_NAME_DUPLICATE', `two steps of this graph are named ${quote(step.name)}; rename one (next and on_failure find steps by name)`, target));
      }
      seen.add(step.name);
      diagnostics.push(...nameProblems('step', step.name, target));
      if (step.type === 'parallel') diagnostics.push(...branchNameProblems(step.branches.map((b) => b.name), { path, graphPath }));
    }
  }
  return diagnostics;
}

function branchNameProblems(names: string[], parallel: { path: string; graphPath: string }): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const name of names) {
    const target = stepTarget(parallel, `branches.${name}`);
    if (seen.has(name)) {
      diagnostics.push(error('E_BRANCH_NAME_DUPLICATE', `two branches of ${quote(parallel.path)} are named ${quote(name)}; rename one`, target));
    }
    seen.add(name);
    diagnostics.push(...nameProblems('branch', name, target));
  }
  return diagnostics;
}

const UNSAFE_CHARACTERS: [RegExp, string][] = [
  [/\t/, 'a tab'],
  [/[\n\r]/, 'a line break'],
  [/'/, 'a single quote'],
  [/"/, 'a double quote'],
  [/\\/, 'a backslash'],
  [/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/, 'a control character'],
];

function nameProblems(kind: 'step' | 'branch', name: string, target: Target): Diagnostic[] {
  if (name === '') return [error('E_NAME_EMPTY', `a ${kind} name is empty; give it a name`, target)];
  const problems: Diagnostic[] = [];
  const reserved = ['.', '%'].filter((c) => name.includes(c));
  if (reserved.length > 0) {
    problems.push(
      error(
        'E_NAME_RESERVED_CHARACTER',
        `${kind} name ${quote(name)} contains ${reserved.map(quote).join(' and ')}: magnus joins step paths with \`.\` and writes spaces as \`%\` in commands; rename it (e.g. ${quote(name.replace(/[.%]/g, '_'))})`,
        target,
      ),
    );
  }
  const unsafe = UNSAFE_CHARACTERS.filter(([pattern]) => pattern.test(name)).map(([, label]) => label);
  if (/^\s|\s$/.test(name)) unsafe.unshift('whitespace at its start or end');
  if (unsafe.length > 0) {
    problems.push(
      error(
        'E_NAME_UNSAFE_CHARACTER',
        `${kind} name ${JSON.stringify(name)} contains ${unsafe.join(', ')}; the container command carries the name unquoted (only plain spaces are encoded), so use letters, digits, spaces, \`_\` and \`-\``,
        target,
      ),
    );
  }
  return problems;
}
