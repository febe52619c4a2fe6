import { substituteVariables } from '../../core/model/variables';

export type Resolution = { kind: 'none' } | { kind: 'resolved'; text: string } | { kind: 'unresolved'; names: string[] };

/** What a field's `${name}` / `$name` references become with the pipeline's variables. */
export function resolutionOf(text: string, variables: ReadonlyMap<string, string>): Resolution {
  const substituted = substituteVariables(text, variables);
  if (substituted.unresolved.length > 0) return { kind: 'unresolved', names: substituted.unresolved };
  if (substituted.text !== text) return { kind: 'resolved', text: substituted.text };
  return { kind: 'none' };
}

export function describeResolution(resolution: Resolution): string | undefined {
  switch (resolution.kind) {
    case 'none':
      return undefined;
    case 'resolved':
      return `resolves to ${resolution.text}`;
    case 'unresolved':
      return `unresolved: ${resolution.names.join(', ')}`;
  }
}
