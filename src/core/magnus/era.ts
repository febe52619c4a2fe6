/**
 * Which magnus / runnable versions a file was written for (§1, §12.1), from the spellings it uses.
 * An era is claimed only from what the files show. A0 is magnus before 0.4.0 (2021–2022), whose
 * `prepare_configurations` also read `mode`, `run_log_store`, `catalog` and `secrets` from the dag
 * file (AstraZeneca/runnable history, magnus/pipeline.py); it already spelt `mode:`, `mode_config`,
 * `as-is` and `retry` as era A does (magnus/nodes.py of that time). Era letters follow the spec: A 0.4.0–0.4.9, B 0.4.10, C 0.4.11–0.4.19, D 0.4.20–0.5.0-rc.1,
 * E 0.5.0–0.5.1, F runnable 0.6+ (F1 up to 0.13, F2 from 0.14, where the config keys changed).
 */
export type Era = 'A0' | 'A' | 'B' | 'C' | 'D' | 'E' | 'F1' | 'F2';

const ALL_ERAS: readonly Era[] = ['A0', 'A', 'B', 'C', 'D', 'E', 'F1', 'F2'];

export interface EraMarker {
  /** What was seen, as a user would recognise it, e.g. "config key `mode:`". */
  clue: string;
  eras: readonly Era[];
}

export const MARKERS = {
  configMode: { clue: 'config key `mode:`', eras: ['A0', 'A'] },
  dagFileServices: { clue: 'services in the dag file (`mode:`, `run_log_store:`, `catalog:`, `secrets:`)', eras: ['A0'] },
  configExecutor: { clue: 'config key `executor:`', eras: ['B', 'C', 'D', 'E', 'F1'] },
  configPipelineExecutor: { clue: 'config key `pipeline-executor:`', eras: ['F2'] },
  modeConfig: { clue: 'step key `mode_config`', eras: ['A0', 'A', 'B'] },
  executorConfig: { clue: 'step key `executor_config`', eras: ['C', 'D'] },
  overrides: { clue: 'step key `overrides`', eras: ['E', 'F1', 'F2'] },
  asIs: { clue: 'step type `as-is`', eras: ['A0', 'A', 'B', 'C', 'D'] },
  stub: { clue: 'step type `stub`', eras: ['E', 'F1', 'F2'] },
  retry: { clue: 'step key `retry`', eras: ['A0', 'A', 'B', 'C', 'D'] },
  maxAttempts: { clue: 'step key `max_attempts`', eras: ['E', 'F1', 'F2'] },
  returns: { clue: 'task key `returns`', eras: ['F1', 'F2'] },
  implicitTerminal: { clue: 'a graph without its own success/fail step', eras: ['F1', 'F2'] },
  legacyDefaults: { clue: 'config keys `default_*_limit`', eras: ['A'] },
  argoTemplateDefaults: { clue: 'argo config `argoWorkflow.spec.templateDefaults` (runnable 0.20–0.22)', eras: ['F2'] },
  argoDefaults: { clue: 'argo config `defaults:` (runnable ≥0.23)', eras: ['F2'] },
} satisfies Record<string, EraMarker>;

export interface EraReport {
  /** Eras consistent with every clue (empty when the clues contradict each other). */
  eras: Era[];
  clues: string[];
  summary: string;
}

const FIRST: Record<Era, string> = { A0: 'magnus <0.4.0', A: 'magnus 0.4.0', B: 'magnus 0.4.10', C: 'magnus 0.4.11', D: 'magnus 0.4.20', E: 'magnus 0.5.0', F1: 'runnable 0.6', F2: 'runnable 0.14' };
const LAST: Record<Era, string> = { A0: 'magnus <0.4.0', A: 'magnus 0.4.9', B: 'magnus 0.4.10', C: 'magnus 0.4.19', D: 'magnus 0.5.0-rc.1', E: 'magnus 0.5.1', F1: 'runnable 0.13', F2: 'the latest runnable' };

export function detectEra(markers: readonly EraMarker[]): EraReport {
  const eras = ALL_ERAS.filter((era) => markers.every((m) => m.eras.includes(era)));
  const clues = markers.map((m) => m.clue);
  if (markers.length === 0) return { eras: [...ALL_ERAS], clues, summary: 'no version-specific keys: readable by every magnus version' };
  if (eras.length === 0) return { eras, clues, summary: `mixes spellings of different magnus versions (${clues.join(', ')})` };
  const first = FIRST[eras[0]];
  const last = LAST[eras[eras.length - 1]];
  const span = first === last ? first : `${first} to ${last}`;
  return { eras, clues, summary: `written for ${span} (${clues.join(', ')})` };
}
