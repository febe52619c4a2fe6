import type { EmitTarget } from '../core/emit/options';
import type { CliIo } from './cli-io';

/**
 * The output through the same strict checker the tests use; a failure is ours, reported as such.
 * Only the target's checker is loaded (each is a large module).
 */
export async function passesStrictCheck(target: EmitTarget, text: string, io: CliIo): Promise<boolean> {
  const check = target === 'kfp-v2' ? (await import('../core/check/kfp-v2')).checkKfpV2Yaml : (await import('../core/check/argo')).checkArgoWorkflowYaml;
  const problems = check(text).problems;
  if (problems.length === 0) return true;
  io.stderr(`kfp-designer: internal error: the ${target} output failed its own strict check (please report this):\n`);
  for (const p of problems) io.stderr(`  ${p.path || '/'}: ${p.message}\n`);
  return false;
}
