/**
 * Monaco, bundled with the app (never a CDN: the designer works offline), with only the YAML
 * grammar, its workers, and monaco-yaml. Imported only by the lazily loaded editor, so none of
 * this is in the first page load. Recipe and pitfalls: /work/shared/docs/toolchain.md §3, §6.
 */
import { loader } from '@monaco-editor/react';
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/definitions/yaml/register';
import { conf as yamlConf, language as yamlGrammar } from 'monaco-editor/languages/definitions/yaml/yaml';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import { configureMonacoYaml, type SchemasSettings } from 'monaco-yaml';
import YamlWorker from './yaml.worker?worker';

self.MonacoEnvironment = {
  getWorker(_id: string, label: string) {
    return label === 'yaml' ? new YamlWorker() : new EditorWorker();
  },
};
// Without this @monaco-editor/react fetches Monaco from a CDN (and, offline, never shows an editor).
loader.config({ monaco });

// monaco-editor >= 0.55 no longer accepts the legacy createWebWorker({label, moduleId, createData})
// that monaco-yaml 5.5.1 (monaco-worker-manager 2.0.1) passes; this is the handshake monaco 0.57
// itself uses. Drop it when monaco-yaml catches up.
type LegacyWorkerOptions = {
  worker?: Worker | Promise<Worker>;
  label?: string;
  createData?: unknown;
  host?: Record<string, (...args: never[]) => unknown>;
  keepIdleModels?: boolean;
};
const createWebWorkerCompat = (opts: LegacyWorkerOptions) => {
  if (opts.worker) return monaco.editor.createWebWorker({ ...opts, worker: opts.worker } as Parameters<typeof monaco.editor.createWebWorker>[0]);
  const worker = self.MonacoEnvironment!.getWorker!('workerMain.js', opts.label ?? 'yaml') as Worker;
  worker.postMessage('ignore');
  worker.postMessage(opts.createData);
  return monaco.editor.createWebWorker({ worker, host: opts.host, keepIdleModels: opts.keepIdleModels } as Parameters<typeof monaco.editor.createWebWorker>[0]);
};
const monacoForYaml = { ...monaco, editor: { ...monaco.editor, createWebWorker: createWebWorkerCompat } };

let schemas: SchemasSettings[] = [];
const yamlLanguage = configureMonacoYaml(monacoForYaml as unknown as typeof monaco, {
  enableSchemaRequest: false, // offline: inline schemas only
  schemas,
});

/**
 * Adds JSON schemas for the magnus files (e.g. `fileMatch: ['**\/dag.yaml']`, matching the models'
 * `file:///dag.yaml` URIs) once they become editable. A schema with the same `uri` is replaced.
 */
export function setYamlSchemas(added: readonly SchemasSettings[]): Promise<undefined> {
  schemas = [...schemas.filter((s) => !added.some((a) => a.uri === s.uri)), ...added];
  return yamlLanguage.update({ enableSchemaRequest: false, schemas });
}

/**
 * The language of the generated workflow: YAML's colours and indentation folding without
 * monaco-yaml. That file is read-only and valid by construction, and monaco-yaml would send all of
 * it (~2 MB for 1,000 steps) to its worker, validate it and rebuild its outline on every keystroke.
 */
export const GENERATED_YAML = 'kfp-generated-yaml';
monaco.languages.register({ id: GENERATED_YAML, aliases: ['YAML (generated)'] });
monaco.languages.setMonarchTokensProvider(GENERATED_YAML, yamlGrammar);
monaco.languages.setLanguageConfiguration(GENERATED_YAML, yamlConf);

// Test hook: end-to-end tests read models and markers through it.
(globalThis as { __monaco?: typeof monaco }).__monaco = monaco;

export { monaco };
