/**
 * Names Kubernetes, Argo and KFP check, with the patterns they use (k8s.io/apimachinery
 * `validation`, Argo `validate.go`, kfp 1.8 `PipelineParam`).
 */

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1123_SUBDOMAIN_MAX = 253;
const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;
const SECRET_KEY_MAX = 253;
const ENV_VAR_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const C_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** kfp's `^[A-Za-z][A-Za-z0-9\s_-]*$` without `\s`, which Argo parameter names cannot carry. */
const PARAMETER_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;

/** Secret names and PersistentVolumeClaim names. */
export const isDns1123Subdomain = (name: string) => name.length <= DNS1123_SUBDOMAIN_MAX && DNS1123_SUBDOMAIN.test(name);

/**
 * A key inside a Secret. Kubernetes also refuses `.`, `..` and a leading `..` (`hasChDirPrefix`),
 * because keys become file names when a secret is mounted.
 */
export const isSecretKey = (key: string) => key.length <= SECRET_KEY_MAX && SECRET_KEY.test(key) && !hasChDirPrefix(key);

/** What a container's `env[].name` accepts (the same `.`/`..` rule as secret keys applies). */
export const isEnvVarName = (name: string) => ENV_VAR_NAME.test(name) && !hasChDirPrefix(name);

/** What a shell (`$NAME`) and most programs can read back. */
export const isCIdentifier = (name: string) => C_IDENTIFIER.test(name);

/** A KFP pipeline parameter that is also a valid Argo workflow parameter. */
export const isParameterName = (name: string) => PARAMETER_NAME.test(name);

const hasChDirPrefix = (name: string) => name === '.' || name.startsWith('..');

export interface SecretRef {
  secret: string;
  key: string;
}

/** magnus's rule for `"SecretName:Key"`: splitting on `:` must give exactly two parts (they may be empty). */
export function parseSecretRef(ref: string): SecretRef | undefined {
  const parts = ref.split(':');
  return parts.length === 2 ? { secret: parts[0], key: parts[1] } : undefined;
}

export interface SecretProblem {
  field: 'env' | 'secret' | 'key' | 'format';
  message: string;
  severity: 'error' | 'warning';
}

/** The DNS-1123 rule in words, for messages about claim and secret names. */
export const DNS1123_RULE = 'lower-case letters, digits, `-` and `.`, starting and ending with a letter or digit, at most 253 characters';

/**
 * Every problem of one `ENV_VAR: "SecretName:Key"` entry, errors first. No part of the reference
 * is repeated in the messages, not even in the designer beside the field: they reach CI logs,
 * screenshots and screen readers, and a value pasted into the field by mistake may be the secret
 * itself. They say where it goes wrong instead.
 */
export function secretProblems(env: string, ref: string): SecretProblem[] {
  const problems: SecretProblem[] = [];
  const warnings: SecretProblem[] = [];
  if (env === '') {
    problems.push({ field: 'env', severity: 'error', message: 'the environment variable name is empty' });
  } else if (!isEnvVarName(env)) {
    problems.push({
      field: 'env',
      severity: 'error',
      message: `\`${env}\` is not a valid environment variable name: letters, digits, \`_\`, \`-\` and \`.\`, not starting with a digit (e.g. AWS_ACCESS_KEY_ID)`,
    });
  } else if (!isCIdentifier(env)) {
    warnings.push({
      field: 'env',
      severity: 'warning',
      message: `\`${env}\` is a valid Kubernetes name, but shells and most tools cannot read it; prefer letters, digits and \`_\` (e.g. ${env.replace(/[^A-Za-z0-9_]/g, '_')})`,
    });
  }
  const parsed = parseSecretRef(ref);
  if (!parsed) {
    problems.push({
      field: 'format',
      severity: 'error',
      message: `the value (${colonCount(ref)}) is not "SecretName:Key": write the Kubernetes secret name and the key inside it, separated by exactly one \`:\` (e.g. aws-credentials:access_key)`,
    });
    return [...problems, ...warnings];
  }
  if (!isDns1123Subdomain(parsed.secret)) {
    problems.push({
      field: 'secret',
      severity: 'error',
      message:
        parsed.secret === ''
          ? 'the secret name before `:` is empty (e.g. aws-credentials:access_key)'
          : `the secret name before \`:\` (${whereInvalid(parsed.secret, DNS1123_CHARACTER, DNS1123_SUBDOMAIN_MAX)}) is not a valid Kubernetes secret name: ${DNS1123_RULE}`,
    });
  }
  if (!isSecretKey(parsed.key)) {
    problems.push({
      field: 'key',
      severity: 'error',
      message:
        parsed.key === ''
          ? 'the key after `:` is empty (e.g. aws-credentials:access_key)'
          : `the key after \`:\` (${whereInvalid(parsed.key, SECRET_KEY_CHARACTER, SECRET_KEY_MAX)}) is not a valid secret key: letters, digits, \`-\`, \`_\` and \`.\`, at most 253 characters, not \`.\` or starting with \`..\``,
    });
  }
  return [...problems, ...warnings];
}

const colonCount = (ref: string) => {
  const colons = ref.split(':').length - 1;
  return colons === 0 ? 'no `:`' : `${colons} \`:\``;
};

const DNS1123_CHARACTER = /[-.a-z0-9]/;
const SECRET_KEY_CHARACTER = /[-._a-zA-Z0-9]/;

/** Where a name goes wrong, by position only (the name itself is not repeated). */
function whereInvalid(name: string, allowed: RegExp, max: number): string {
  const chars = [...name];
  const bad = chars.findIndex((c) => !allowed.test(c));
  if (bad >= 0) return `character ${bad + 1} of ${chars.length} is not allowed`;
  return name.length > max ? `${name.length} characters, more than ${max}` : `${chars.length} characters`;
}

/** The first problem of a secret entry, for the designer's field errors. */
export function secretProblem(env: string, ref: string): SecretProblem | undefined {
  return secretProblems(env, ref)[0];
}
