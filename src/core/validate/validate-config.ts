import type { Diagnostic } from '../diagnostics';
import { KFP_DEFAULTS } from '../model/defaults';
import { pipelineSteps } from './visits';
import type { Pipeline, Service } from '../model/types';
import { error, info, quote, warning } from './report';
import { resolvedText } from './written';

/**
 * What every container needs from the magnus config and the command line (§6.1, §8.1, §9.2): a
 * run log store the containers share, files they can find, and an output that does not
 * overwrite the pipeline it came from.
 */
export function validateConfig(pipeline: Pipeline): Diagnostic[] {
  return [...checkServices(pipeline), ...checkOutputFile(pipeline), ...checkCommandWords(pipeline)];
}

const RUN_LOG_STORE_KEYS = ['run_log_store', 'run-log-store'];
/** Service types that keep their files inside the container unless the folder is on a mounted volume. */
const LOCAL_FILE_TYPES = ['file-system', 'chunked-fs'];

function checkServices(pipeline: Pipeline): Diagnostic[] {
  // A magnus <0.4 dag file that carries its services gives them to the containers without a config file.
  const inDagFile = pipeline.executor.inDagFile || pipeline.services.some((s) => s.inDagFile);
  if (pipeline.files.config === undefined && !inDagFile) {
    return [
      warning(
        'W_CONFIG_FILE_MISSING',
        "the containers run magnus without --config-file, so each falls back to magnus's defaults (the buffered run log store, in memory) and no step sees another's results; add a magnus config file with a shared run log store",
        { field: 'files.config' },
      ),
    ];
  }
  const runLogStore = pipeline.services.find((s) => RUN_LOG_STORE_KEYS.includes(s.key));
  const catalog = pipeline.services.find((s) => s.key === 'catalog');
  return [...checkRunLogStore(pipeline, runLogStore), ...checkCatalog(pipeline, catalog)];
}

function checkRunLogStore(pipeline: Pipeline, store: Service | undefined): Diagnostic[] {
  const field = `services.${store?.key ?? 'run_log_store'}`;
  if (!store || store.type === undefined || store.type === 'buffered') {
    const how = store ? 'the run log store is `buffered`' : 'the config has no run_log_store, so magnus uses `buffered`';
    return [
      error(
        'E_RUN_LOG_STORE_BUFFERED',
        `${how}: the kfp executor cannot work with the buffered run log store (magnus's default), which lives in one process's memory while every step runs in its own container; use one on a shared volume (e.g. type: k8s-pvc, or file-system with log_folder on a mounted volume)`,
        { field },
      ),
    ];
  }
  if (!LOCAL_FILE_TYPES.includes(store.type)) return [];
  if (onRunnableClaim(pipeline)) return [];
  const folder = folderSetting(store, 'log_folder', '.run_log_store');
  if (isOnMountedVolume(pipeline, folder)) return [];
  return [localFilesWarning(`the run log store is \`${store.type}\` in ${quote(folder)}`, 'log_folder', field)];
}

function checkCatalog(pipeline: Pipeline, catalog: Service | undefined): Diagnostic[] {
  if (!catalog) {
    if (onRunnableClaim(pipeline)) return [];
    const usesCatalog = pipelineSteps(pipeline).some((v) => v.step.type === 'task' && ((v.step.catalog?.get?.length ?? 0) > 0 || (v.step.catalog?.put?.length ?? 0) > 0));
    if (!usesCatalog) return [];
    return [localFilesWarning("steps use the catalog, but the config has none, so magnus uses `file-system` in '.catalog'", 'catalog_location', 'services.catalog')];
  }
  if (catalog.type === undefined || !LOCAL_FILE_TYPES.includes(catalog.type)) return [];
  if (onRunnableClaim(pipeline)) return [];
  const folder = folderSetting(catalog, 'catalog_location', '.catalog');
  if (isOnMountedVolume(pipeline, folder)) return [];
  return [localFilesWarning(`the catalog is \`${catalog.type}\` in ${quote(folder)}`, 'catalog_location', 'services.catalog')];
}

function localFilesWarning(what: string, folderKey: string, field: string): Diagnostic {
  return warning(
    'W_SERVICE_FILE_SYSTEM',
    `${what}: that folder is inside each container, so steps do not see each other's files unless it lives on a shared volume; set ${folderKey} under a mount path of persistent_volumes, or use the k8s-pvc type`,
    { field },
  );
}

function folderSetting(service: Service, key: string, fallback: string): string {
  const value = service.config?.[key];
  return typeof value === 'string' && value !== '' ? value : fallback;
}

/**
 * runnable's Argo pods move file-system run logs and catalogs to /tmp/run_logs and /tmp/catalog,
 * whatever folder is configured, and mount `pvc_for_runnable` at /tmp (§6.3): they are shared.
 */
const onRunnableClaim = (pipeline: Pipeline) => !!pipeline.executor.pvc_for_runnable;

/** Only an absolute folder can be known to sit on a volume; the containers' working directory is not. */
function isOnMountedVolume(pipeline: Pipeline, folder: string): boolean {
  if (!folder.startsWith('/')) return false;
  return (pipeline.executor.persistent_volumes ?? []).some((volume) => {
    const mount = (resolvedText(pipeline, volume.mountPath) ?? '').replace(/\/+$/, '');
    return mount !== '' && (folder === mount || folder.startsWith(`${mount}/`));
  });
}

const normalisePath = (path: string) => path.replace(/^(\.\/)+/, '');

function checkOutputFile(pipeline: Pipeline): Diagnostic[] {
  const output = pipeline.executor.output_file ?? KFP_DEFAULTS.output_file;
  if (normalisePath(output) !== normalisePath(pipeline.files.dag)) return [];
  return [
    // A note, not a warning: the CLI refuses to overwrite its input and the designer downloads
    // elsewhere, so the trap only bites someone copying the file into the repository by hand.
    info(
      'I_OUTPUT_NAMED_LIKE_DAG',
      `output_file ${quote(output)} is also the name of the pipeline file (both default to pipeline.yaml): do not let the generated workflow overwrite the magnus pipeline; an output_file such as kfp-pipeline.yaml avoids the mix-up`,
      { field: 'executor.output_file' },
    ),
  ];
}

/** shlex would split or unquote these; the paths and tag go into every container command as they are. */
const UNSAFE_WORD = /[\s'"\\]/;

function checkCommandWords(pipeline: Pipeline): Diagnostic[] {
  const words: { field: string; label: string; value: string | undefined }[] = [
    { field: 'files.dag', label: 'the pipeline file path', value: pipeline.files.dag },
    { field: 'files.config', label: 'the config file path', value: pipeline.files.config },
    { field: 'files.parameters', label: 'the parameters file path', value: pipeline.files.parameters },
    { field: 'tag', label: 'the tag', value: pipeline.tag },
  ];
  const diagnostics: Diagnostic[] = [];
  for (const { field, label, value } of words) {
    if (value === undefined) continue;
    if (value === '' && field !== 'tag') {
      diagnostics.push(error('E_FILE_PATH_EMPTY', `${label} is empty; give the path the containers see (relative to their working directory)`, { field }));
    } else if (UNSAFE_WORD.test(value)) {
      diagnostics.push(
        error(
          field === 'tag' ? 'E_TAG_UNSAFE' : 'E_FILE_PATH_UNSAFE',
          `${label} ${JSON.stringify(value)} contains whitespace, a quote or a backslash; it goes unquoted into every container command, so use letters, digits, \`-\`, \`_\`, \`.\` and \`/\``,
          { field },
        ),
      );
    }
  }
  return diagnostics;
}
