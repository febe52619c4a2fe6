/**
 * Which of several chosen (or dropped) files is the dag, the config, the parameters file, or a
 * nested `dag_definition` file — decided from their contents, because users name them anything.
 * Pure: no DOM, no store.
 */
import type { MagnusInput } from '../../core/magnus/import';
import type { Json } from '../../core/model/types';
import { setOwn } from '../../core/own';
import { parseYamlSource } from '../../core/yaml/source';

export interface NamedText {
  name: string;
  text: string;
  /** Why the file's text could not be read (too large, not text); such a file is not imported. */
  unreadable?: string;
}

export type FileRole = 'dag' | 'config' | 'parameters' | 'nested' | 'ignored';

export interface ClassifiedFile {
  name: string;
  role: FileRole;
  /** Why the file got this role, in words a user can check. */
  reason: string;
}

export interface Classification {
  files: ClassifiedFile[];
  /** What to import; undefined when `problems` say why nothing can be. */
  input?: MagnusInput;
  /** The file name behind each source file of the input (`dag`, `config`, `parameters`, nested paths). */
  fileNames: Record<string, string>;
  /** Reasons the files cannot be imported as a whole (no dag, two configs…). */
  problems: string[];
}

/** Top-level keys of a magnus config file, across the eras (0.1's `mode` to runnable's `pipeline-executor`). */
export const CONFIG_KEYS: ReadonlySet<string> = new Set([
  'executor',
  'mode',
  'pipeline-executor',
  'job-executor',
  'run_log_store',
  'run-log-store',
  'catalog',
  'secrets',
  'experiment_tracker',
  'experiment-tracker',
  'pickler',
]);

export { looksLikeDag } from './looks-like-dag';

const isMapping = (value: Json | undefined): value is Record<string, Json> => typeof value === 'object' && value !== null && !Array.isArray(value);

export const baseName = (path: string): string => path.split(/[\\/]/).pop() ?? path;

/** Top-level keys; for a file that does not parse, the keys written at column 0 (so a broken dag is still taken as the dag). */
function topLevelKeys(text: string): { keys: string[]; parsed: boolean; value: Json | undefined } {
  const source = parseYamlSource(text);
  if (!source.problems.some((p) => p.severity === 'error')) {
    return { keys: isMapping(source.value) ? Object.keys(source.value) : [], parsed: true, value: source.value };
  }
  const keys = [...text.matchAll(/^([A-Za-z_][\w-]*)[ \t]*:/gm)].map((m) => m[1]);
  return { keys, parsed: false, value: undefined };
}

/** Every `dag_definition: path` written anywhere in a dag file. */
function dagDefinitions(value: Json | undefined, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => dagDefinitions(v, found));
  else if (isMapping(value)) {
    for (const [key, v] of Object.entries(value)) {
      if (key === 'dag_definition' && typeof v === 'string') found.push(v);
      else dagDefinitions(v, found);
    }
  }
  return found;
}

/**
 * Whether a text can hold a `dag_definition` key at all: only written out, or spelt with an escape
 * in a double-quoted key (`"dag\x5fdefinition"`). Walking every value of a 1,000-step dag to find
 * none cost ~10 ms of the import.
 */
const mayDefine = (text: string) => text.includes('dag_definition') || text.includes('\\');

interface Read extends NamedText {
  keys: string[];
  parsed: boolean;
  value: Json | undefined;
}

function roleOf(file: Read): { role: FileRole; reason: string } {
  if (file.unreadable) return { role: 'ignored', reason: file.unreadable };
  if (file.keys.includes('dag')) return { role: 'dag', reason: 'has a top-level `dag:`' };
  const configKey = file.keys.find((k) => CONFIG_KEYS.has(k));
  if (configKey) return { role: 'config', reason: `has the config key \`${configKey}:\`` };
  if (!file.parsed) return { role: 'ignored', reason: 'is not valid YAML and has neither `dag:` nor config keys' };
  if (isMapping(file.value) && file.keys.length > 0) return { role: 'parameters', reason: 'is a mapping without `dag:` or config keys' };
  if (file.text.trim() === '' || file.value === null) return { role: 'ignored', reason: 'is empty' };
  return { role: 'ignored', reason: 'is not a YAML mapping' };
}

export function classifyFiles(files: readonly NamedText[]): Classification {
  const read: Read[] = files.map((f) => ({ ...f, ...topLevelKeys(f.text) }));
  const roles = read.map(roleOf);
  // A dag file named like another dag file's `dag_definition` is that nested file, not a second pipeline.
  const definitions = read.flatMap((f, i) => (roles[i].role === 'dag' && mayDefine(f.text) ? dagDefinitions(f.value) : []));
  const nestedPathOf = (name: string) => definitions.find((d) => baseName(d) === name);
  read.forEach((f, i) => {
    const path = roles[i].role === 'dag' ? nestedPathOf(f.name) : undefined;
    if (path !== undefined) roles[i] = { role: 'nested', reason: `is the \`dag_definition: ${path}\` of a step` }; // own-keys: index
  });

  const classified: ClassifiedFile[] = read.map((f, i) => ({ name: f.name, ...roles[i] }));
  const problems: string[] = [];
  const single = (role: FileRole, label: string) => {
    const all = classified.filter((f) => f.role === role);
    if (all.length > 1) problems.push(`${all.map((f) => f.name).join(' and ')} all look like ${label}; choose one of them`);
    return all.length === 1 ? read[classified.indexOf(all[0])] : undefined;
  };
  const dag = single('dag', 'the pipeline (dag) file');
  const config = single('config', 'the config file');
  const parameters = single('parameters', 'the parameters file');
  if (!classified.some((f) => f.role === 'dag')) {
    problems.push(files.length === 0 ? 'no file was chosen' : 'none of the files has a top-level `dag:` key, so there is no pipeline to import');
  }

  const fileNames: Record<string, string> = {};
  const nested: Record<string, string> = {};
  read.forEach((f, i) => {
    if (classified[i].role !== 'nested') return;
    const path = nestedPathOf(f.name)!;
    setOwn(nested, path, f.text);
    setOwn(fileNames, path, f.name);
  });
  if (problems.length > 0 || !dag) return { files: classified, fileNames, problems };
  fileNames.dag = dag.name;
  if (config) fileNames.config = config.name;
  if (parameters) fileNames.parameters = parameters.name;
  // The names go in as the paths the containers use: the user's own file names, not our guesses.
  const input: MagnusInput = {
    dag: { text: dag.text, path: dag.name },
    ...(config ? { config: { text: config.text, path: config.name } } : {}),
    ...(parameters ? { parameters: { text: parameters.text, path: parameters.name } } : {}),
    ...(Object.keys(nested).length > 0 ? { nested } : {}),
  };
  return { files: classified, input, fileNames, problems };
}

/** The three pasted texts as an input; empty optional fields are left out. */
export function pastedInput(texts: { dag: string; config: string; parameters: string }): Classification {
  const files: ClassifiedFile[] = [];
  const fileNames: Record<string, string> = { dag: PASTED_NAMES.dag };
  if (texts.dag.trim() === '') return { files, fileNames, problems: ['paste the dag YAML (the file with a top-level `dag:`) first'] };
  const input: MagnusInput = { dag: { text: texts.dag } };
  if (texts.config.trim() !== '') {
    input.config = { text: texts.config };
    fileNames.config = PASTED_NAMES.config;
  }
  if (texts.parameters.trim() !== '') {
    input.parameters = { text: texts.parameters };
    fileNames.parameters = PASTED_NAMES.parameters;
  }
  return { files, input, fileNames, problems: [] };
}

/** How pasted texts are named in messages: by the field they were pasted into. */
export const PASTED_NAMES = { dag: 'Dag YAML', config: 'Config YAML', parameters: 'Parameters YAML' } as const;

export const ROLE_LABELS: Record<FileRole, string> = {
  dag: 'pipeline (dag) file',
  config: 'config file',
  parameters: 'parameters file',
  nested: 'nested dag_definition file',
  ignored: 'not imported',
};
