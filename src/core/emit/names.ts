/**
 * Names as Kubeflow derives them from magnus step names (kfp-output-format.md §1.4).
 */

/** magnus's command-friendly name: the internal dot path with every ASCII space as `%` (§4.7). */
export const commandFriendlyName = (stepPath: string) => (stepPath.includes(' ') ? stepPath.replaceAll(' ', '%') : stepPath);

/** Kubernetes-derived names (pods, labels) cannot be longer; kfp itself never truncated. */
export const MAX_NAME_LENGTH = 63;

/**
 * kfp 1.8 `Pipeline.add_op` then `sanitize_k8s_name`: lower-case, every run of characters other
 * than letters and digits becomes one `-`, no leading or trailing `-`, a leading digit gets `n`.
 * (The first pass keeps Unicode letters, the second drops them, as Python's `\w` then `[-0-9a-z]` did.)
 */
export function kfpName(name: string): string {
  let sanitized = sanitizedNames.get(name);
  if (sanitized === undefined) {
    if (sanitizedNames.size > 50_000) sanitizedNames.clear();
    sanitizedNames.set(name, (sanitized = sanitize(name)));
  }
  return sanitized;
}

/** Every emission names every step again; the Unicode-aware passes are worth remembering. */
const sanitizedNames = new Map<string, string>();

function sanitize(name: string): string {
  const words = name
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  const prefixed = /^\p{N}/u.test(words) ? `n${words}` : words;
  const sanitized = prefixed
    .replace(/[^-0-9a-z]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  return sanitized === '' ? 'task' : sanitized;
}

/** Caps a name at 63 characters without leaving a trailing `-`. */
export function capName(name: string, max = MAX_NAME_LENGTH): string {
  return name.length <= max ? name : name.slice(0, max).replace(/-+$/, '');
}

/**
 * Hands out unique names in order, as kfp did (`-2`, `-3`, …), capped at 63 characters.
 * `taken` holds names that are already used (e.g. the pipeline's own template).
 */
export class NameAllocator {
  private readonly used = new Set<string>();
  /**
   * Where the search for a free `-n` of each name goes on: names are only ever added, so a
   * suffix found taken stays taken, and 20,000 colliding names cost 20,000 lookups, not 200 million.
   */
  private readonly nextSuffix = new Map<string, number>();

  constructor(taken: Iterable<string> = []) {
    for (const name of taken) this.used.add(name);
  }

  allocate(base: string): string {
    const capped = capName(base);
    if (!this.used.has(capped)) {
      this.used.add(capped);
      return capped;
    }
    for (let n = this.nextSuffix.get(capped) ?? 2; ; n++) {
      const suffix = `-${n}`;
      const candidate = `${capName(capped, MAX_NAME_LENGTH - suffix.length)}${suffix}`;
      if (!this.used.has(candidate)) {
        this.used.add(candidate);
        this.nextSuffix.set(capped, n + 1);
        return candidate;
      }
    }
  }
}
