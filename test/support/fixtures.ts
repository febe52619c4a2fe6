import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
export const CORPUS = join(FIXTURES, 'corpus');

export const readFixture = (...parts: string[]) => readFileSync(join(FIXTURES, ...parts), 'utf8');

/** Corpus files whose top level has a `dag:` key (the others are configs, parameters, or output). */
export function corpusDagFiles(): string[] {
  return readdirSync(CORPUS)
    .filter((f) => f.endsWith('.yaml'))
    .filter((f) => /^dag:/m.test(readFileSync(join(CORPUS, f), 'utf8')))
    .sort();
}

export const readCorpus = (file: string) => readFileSync(join(CORPUS, file), 'utf8');

/** A kfp config that makes any corpus DAG emittable: an image, and a run log store on a shared volume. */
export const TEST_CONFIG = `executor:
  type: kfp
  config:
    docker_image: registry.example.com/team/pipeline:1.0
run_log_store:
  type: k8s-pvc
  config: {persistent_volume_name: magnus-run-logs, mount_path: /mnt/run_log_store}
`;
