/** One reason a document would be rejected (or mis-run) by Kubeflow/Argo. */
export interface CheckProblem {
  /** JSON-pointer-like location, e.g. `/spec/templates/0/container/image`; `''` for the document as a whole. */
  path: string;
  message: string;
}

export interface CheckResult {
  ok: boolean;
  problems: CheckProblem[];
}

/** Schema and semantic rules can notice the same thing; each problem is reported once. */
export function resultOf(problems: CheckProblem[]): CheckResult {
  const seen = new Set<string>();
  const unique = problems.filter((problem) => {
    const key = `${problem.path}\n${problem.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { ok: unique.length === 0, problems: unique };
}
