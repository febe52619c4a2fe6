import { liveSecretProblems } from './field-messages';
import type { SecretEntry } from '../../core/model/types';

const EXAMPLE = 'AWS_KEY=aws-secret:key';

export type SecretShorthand = { entry: SecretEntry } | { error: string };

/**
 * `EnvVar=SecretName:Key`, the quick way to add a secret. Only errors refuse the entry (a
 * warning, such as a variable name shells cannot read, is shown on the added row instead).
 */
export function parseSecretShorthand(text: string, existing: readonly SecretEntry[] = [], variables: ReadonlyMap<string, string> = new Map()): SecretShorthand {
  const trimmed = text.trim();
  if (trimmed === '') return { error: `write EnvVar=SecretName:Key (e.g. ${EXAMPLE})` };
  const eq = trimmed.indexOf('=');
  if (eq < 0) {
    // Not repeated: what was typed may be the secret itself.
    return { error: `the text has no \`=\`; write EnvVar=SecretName:Key (e.g. ${EXAMPLE})` };
  }
  const env = trimmed.slice(0, eq).trim();
  const ref = trimmed.slice(eq + 1).trim();
  // Checked as Kubernetes will see it (variables substituted); stored as written.
  const problem = liveSecretProblems(env, ref, variables)[0];
  if (problem?.severity === 'error') return { error: problem.message };
  const taken = existing.findIndex((s) => s.env === env);
  if (taken >= 0) return { error: `\`${env}\` already has a secret (row ${taken + 1}); change that row instead` };
  return { entry: { env, ref } };
}

export interface SecretRefParts {
  secret: string;
  key: string;
  /** Whether the raw ref had a `:` at all, so editing the name alone does not add one. */
  hasColon: boolean;
}

/** Splits `SecretName:Key` at the first `:`; a malformed ref (`a:b:c`) keeps its extra colons in the key. */
export function splitSecretRef(ref: string): SecretRefParts {
  const cut = ref.indexOf(':');
  return cut < 0 ? { secret: ref, key: '', hasColon: false } : { secret: ref.slice(0, cut), key: ref.slice(cut + 1), hasColon: true };
}

export function joinSecretRef(parts: SecretRefParts): string {
  return parts.hasColon || parts.key !== '' ? `${parts.secret}:${parts.key}` : parts.secret;
}
