import { argoSchemaProblems } from './argo-schema.ts';
import { argoSemanticProblems } from './argo-rules.ts';
import { resultOf, type CheckResult } from './types.ts';
import { parseYamlDocuments } from './yaml-documents.ts';

/** Strict check of an Argo Workflow document (KFP v1 output and plain Argo output). */
export function checkArgoWorkflow(doc: unknown): CheckResult {
  return resultOf([...argoSchemaProblems(doc), ...argoSemanticProblems(doc)]);
}

export function checkArgoWorkflowYaml(text: string): CheckResult {
  const parsed = parseYamlDocuments(text);
  if (!parsed.docs) return resultOf(parsed.problems);
  if (parsed.docs.length !== 1)
    return resultOf([
      ...parsed.problems,
      { path: '', message: `an Argo Workflow file must hold exactly one YAML document, found ${parsed.docs.length}` },
    ]);
  return resultOf([...parsed.problems, ...checkArgoWorkflow(parsed.docs[0]).problems]);
}
