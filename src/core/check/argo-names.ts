/**
 * Name rules of Argo's lint shared by templates, tasks, steps, parameters, volumes and env vars. Each
 * pushes its problems onto `out`; a path is built only for a problem, as they run per template, task,
 * step and list item of workflows of thousands of steps.
 */
import type { CheckProblem } from './types.ts';
import { arrayOrEmpty, at, objectOrEmpty, stringOrUndefined } from './values.ts';

const NAME_PATTERN = /^[a-zA-Z0-9][-a-zA-Z0-9]*$/;
const PARAMETER_NAME_PATTERN = /^[-a-zA-Z0-9_]+$/;
const ARGO_NAME_LIMIT = 128;
const OUR_NAME_LIMIT = 63;

/** What has a place in the document: its path is made when read. */
export interface Placed {
  readonly path: string;
}

export interface Named extends Placed {
  readonly name: string | undefined;
}

/** The name of a template, task or step (`holder`), as its `name` key holds it. */
export function nameProblems(out: CheckProblem[], name: unknown, holder: Placed, what: string): void {
  if (name === undefined || name === '') {
    out.push({ path: at(holder.path, 'name'), message: `${what} name is required` });
    return;
  }
  if (typeof name !== 'string') return; // the schema reports the type
  const valid = NAME_PATTERN.test(name);
  if (valid && name.length <= OUR_NAME_LIMIT) return;
  const path = at(holder.path, 'name');
  if (!valid)
    out.push({
      path,
      message: `${what} name "${name}" is invalid: use letters, digits and "-", starting with a letter or digit (Argo rejects it)`,
    });
  else if (name.length > ARGO_NAME_LIMIT)
    out.push({ path, message: `${what} name "${name}" is ${name.length} characters; Argo allows at most ${ARGO_NAME_LIMIT}` });
  else
    out.push({
      path,
      message: `${what} name "${name}" is ${name.length} characters; keep it to ${OUR_NAME_LIMIT} because pod names and labels are derived from it`,
    });
}

/** The second and later of `items` with a name used before. */
export function duplicateProblems(out: CheckProblem[], items: readonly Named[], what: string): void {
  const seen = new Set<string>();
  for (let i = 0; i < items.length; i++) {
    const { name } = items[i];
    if (name === undefined) continue;
    if (!seen.has(name)) seen.add(name);
    else out.push({ path: at(items[i].path, 'name'), message: `${what} name "${name}" is used more than once` });
  }
}

/** The second and later items of a list (of anything) whose `name` was used before; the list is at `keys` in `holder`. */
export function listDuplicates(out: CheckProblem[], list: unknown, holder: Placed, keys: readonly string[], what: string): void {
  const items = arrayOrEmpty(list);
  if (items.length < 2) return;
  const seen = new Set<string>();
  for (let i = 0; i < items.length; i++) {
    const name = stringOrUndefined(objectOrEmpty(items[i]).name);
    if (name === undefined) continue;
    if (!seen.has(name)) seen.add(name);
    else out.push({ path: at(holder.path, ...keys, i, 'name'), message: `${what} name "${name}" is used more than once` });
  }
}

/** A list of parameters or artifacts: each name valid, none repeated. */
export function namedListProblems(out: CheckProblem[], list: unknown, holder: Placed, keys: readonly string[], what: string): void {
  const items = arrayOrEmpty(list);
  for (let i = 0; i < items.length; i++) {
    const name = stringOrUndefined(objectOrEmpty(items[i]).name);
    if (name !== undefined && !PARAMETER_NAME_PATTERN.test(name))
      out.push({ path: at(holder.path, ...keys, i, 'name'), message: `${what} name "${name}" is invalid: use only letters, digits, "_" and "-"` });
  }
  listDuplicates(out, items, holder, keys, what);
}
