import type { Diagnostic, Severity } from '../../core/diagnostics';
import type { StepSettingKey } from '../../core/model/types';
import { substituteVariables } from '../../core/model/variables';
import { secretProblems, type SecretProblem } from '../../core/validate/names';
import { quantityIssue, type QuantityKind } from '../../core/validate/quantity';
import { describeResolution, resolutionOf } from './variable-hint';

/** One line under a field. */
export interface FieldMessage {
  severity: Severity;
  text: string;
}

/** The validator's findings about exactly this field (step undefined: a pipeline-wide field). */
export function diagnosticsFor(diagnostics: readonly Diagnostic[], step: string | undefined, field: string): FieldMessage[] {
  return diagnostics.filter((d) => d.step === step && d.field === field).map((d) => ({ severity: d.severity, text: d.message }));
}

/** Whether two lists say the same (a list is rebuilt on every render; what it says rarely changes). */
export const sameMessages = (a: readonly FieldMessage[], b: readonly FieldMessage[]) =>
  a.length === b.length && a.every((m, i) => m.severity === b[i].severity && m.text === b[i].text);

/**
 * The live check of what is being typed, then the validator's findings it does not already say
 * (the validator runs the same core checks and prefixes the key, e.g. `cpu_limit: "1.5 cores" …`).
 */
export function mergeMessages(live: readonly FieldMessage[], fromValidator: readonly FieldMessage[]): FieldMessage[] {
  const extra = fromValidator.filter((v) => !live.some((l) => v.text.includes(l.text)));
  const seen = new Set<string>();
  return [...live, ...extra].filter((m) => !seen.has(m.text) && seen.add(m.text) !== undefined);
}

export const hasError = (messages: readonly FieldMessage[]) => messages.some((m) => m.severity === 'error');

const QUANTITY_KINDS: Partial<Record<StepSettingKey, QuantityKind>> = {
  cpu_limit: 'cpu',
  cpu_request: 'cpu',
  memory_limit: 'memory',
  memory_request: 'memory',
  gpu_limit: 'gpu',
};

/**
 * The keystroke check for a resource amount, on the text with variables substituted. Text with an
 * unknown variable is left to the variable rule; an empty request or GPU count means "the default".
 */
export function liveSettingProblem(key: StepSettingKey, text: string, variables: ReadonlyMap<string, string>): FieldMessage | undefined {
  const kind = QUANTITY_KINDS[key];
  if (!kind) return undefined;
  const substituted = substituteVariables(text, variables);
  if (substituted.unresolved.length > 0) return undefined;
  if (substituted.text === '' && key !== 'cpu_limit' && key !== 'memory_limit') return undefined;
  const issue = quantityIssue(kind, substituted.text);
  return issue && { severity: issue.severity, text: issue.message };
}

/** "claim resolves to data-r.io" for row inputs, which have no note line of their own. */
export function resolutionNote(label: string, text: string, variables: ReadonlyMap<string, string>): FieldMessage[] {
  const described = describeResolution(resolutionOf(text, variables));
  return described ? [{ severity: 'info', text: `${label} ${described}` }] : [];
}

/**
 * The problems of one secret as Kubernetes will see it: with variables substituted, and without
 * judging a part that still names an unknown variable (the variable rule reports that).
 */
export function liveSecretProblems(env: string, ref: string, variables: ReadonlyMap<string, string>): SecretProblem[] {
  const resolvedEnv = substituteVariables(env, variables);
  const resolvedRef = substituteVariables(ref, variables);
  const envKnown = resolvedEnv.unresolved.length === 0;
  const refKnown = resolvedRef.unresolved.length === 0;
  return secretProblems(envKnown ? resolvedEnv.text : 'VARIABLE', refKnown ? resolvedRef.text : 'variable:variable').filter((p) =>
    p.field === 'env' ? envKnown : refKnown,
  );
}
