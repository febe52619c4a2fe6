import { ownValue } from '../../core/own';
import { allDiagnostics, emitted, exported } from '../store/derived';
import type { DesignerStore } from '../store/store';
import { downloadFileName, nestedFileName, type DownloadKind } from './file-names';
import { saveTextFile } from './save-file';

/**
 * Downloads one file of the current pipeline.
 *
 * The Kubeflow workflow (pipeline.yaml) is refused while the pipeline has errors: a workflow
 * generated from a pipeline with errors would fail in the cluster, or worse, run the wrong thing.
 * The button stays enabled (a disabled button cannot say why), and a click explains: a notice
 * with the number of errors, and the YAML pane switches to pipeline.yaml, whose banner says the
 * same. Nothing half-made is offered. The magnus files (dag, config, parameters) always download:
 * they are the user's work in progress, and saving it must never be blocked.
 */
export function downloadFile(store: DesignerStore, kind: DownloadKind): void {
  const { history, target, notify } = store.getState();
  const pipeline = history.present;
  const name = downloadFileName(pipeline, kind);
  if (kind === 'pipeline') {
    if (refusedWhileErrors(store, `${name} was not downloaded`)) return;
    saveTextFile(name, emitted(pipeline, target).text);
    return;
  }
  const files = exported(pipeline);
  const text = kind === 'dag' ? files.dag : kind === 'config' ? files.config : files.parameters;
  if (text === undefined) {
    notify({ kind: 'info', text: 'The pipeline has no parameters, so there is no parameters file to download.' });
    return;
  }
  saveTextFile(name, text);
}

/**
 * True, after saying why, when the pipeline has errors for the current target: nothing made from
 * it may leave the designer (a download, a deployment). The YAML pane shows pipeline.yaml, whose
 * banner says the same, and the notice counts the errors. `refusal` starts the notice.
 */
export function refusedWhileErrors(store: DesignerStore, refusal: string): boolean {
  const { history, target, notify, setYamlTab } = store.getState();
  const errors = allDiagnostics(history.present, target).filter((d) => d.severity === 'error').length;
  if (errors === 0 && emitted(history.present, target).text !== '') return false;
  setYamlTab('pipeline');
  notify({ kind: 'error', text: `${refusal}: the pipeline has ${errors === 1 ? '1 error. Fix it first (it is' : `${errors} errors. Fix them first (they are`} listed under Problems).` });
  return true;
}

/** Downloads one nested dag file, as exported with the pipeline (always: like the dag, it is the user's work). */
export function downloadNestedFile(store: DesignerStore, path: string): void {
  const { history, notify } = store.getState();
  const text = ownValue(exported(history.present).nested, path);
  if (text === undefined) {
    notify({ kind: 'info', text: `The pipeline no longer has the nested dag file ${path}.` });
    return;
  }
  saveTextFile(nestedFileName(path), text);
}
