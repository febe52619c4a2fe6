/**
 * Where a diagnostic's field lives in the properties panel. Diagnostics name fields in magnus key
 * spelling (`command`, `kfp.memory_limit`, `executor.secrets_from_k8s.AWS_KEY`, `parameters.x`…);
 * inputs carry `id={fieldId(step, field)}` for the same spelling, and the sections around them
 * carry the ids of the field's dotted prefixes, so a field the panel has no input for (a row that
 * was renamed since, an unknown override key) still lands in the right section.
 */

const PIPELINE_SCOPE = '@pipeline';

/** The DOM id of the control for `field` of step `step` (undefined: a pipeline-wide field). */
export function fieldId(step: string | undefined, field: string): string {
  // encodeURIComponent keeps ids free of whitespace (step names have spaces) and keeps a step
  // named `@pipeline` (encoded `%40pipeline`) apart from the pipeline scope.
  return `field:${step === undefined ? PIPELINE_SCOPE : encodeURIComponent(step)}:${encodeURIComponent(field)}`;
}

/**
 * Ids to try, most specific first: the field itself, then each dotted prefix (its section), then
 * the form's first field, so a focus request always lands somewhere sensible.
 */
export function fieldIdCandidates(step: string | undefined, field: string | undefined): string[] {
  const fields: string[] = [];
  let rest = field ?? '';
  while (rest !== '') {
    fields.push(rest);
    const cut = rest.lastIndexOf('.');
    rest = cut < 0 ? '' : rest.slice(0, cut);
  }
  fields.push(step === undefined ? 'description' : 'name');
  return [...new Set(fields)].map((f) => fieldId(step, f));
}

/**
 * The id for a row keyed by a name (a parameter, a secret's variable): the first row with that
 * name gets the field's id so diagnostics find it; later duplicates get an index-based one.
 */
export function rowFieldIds(step: string | undefined, prefix: string, names: readonly string[]): string[] {
  const seen = new Set<string>();
  return names.map((name, index) => {
    if (seen.has(name)) return `${fieldId(step, prefix)}-row-${index + 1}`;
    seen.add(name);
    return fieldId(step, `${prefix}.${name}`);
  });
}
