/**
 * Vitest global setup of the `contract` project: one Prism per Kubeflow Pipelines swagger document,
 * started once for the whole run (not per file or test) and stopped at the end. Test files read
 * the addresses with `inject('prism')` (see harness.ts).
 */
import type { TestProject } from 'vitest/node';
import { startPrism } from './prism';

export default async function setup(project: TestProject) {
  const servers = await Promise.all([startPrism('v2beta1'), startPrism('v1beta1')]);
  project.provide('prism', { v2beta1: servers[0].url, v1beta1: servers[1].url });
  return async () => {
    await Promise.all(servers.map((s) => s.stop()));
  };
}
