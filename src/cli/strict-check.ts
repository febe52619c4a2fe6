import type { CheckResult } from '../core/check/types';
import type { EmitTarget } from '../core/emit/options';
import type { CliIo } from './cli-io';

/** The strict checker of a target's output, the one the tests use. Only that target's is loaded (each is a large module). */
export async function strictChecker(target: EmitTarget): Promise<(text: string) => CheckResult> {
  return target === 'kfp-v2' ? (await import('../core/check/kfp-v2')).checkKfpV2Yaml : (await import('../core/check/argo')).checkArgoWorkflowYaml;
}

/** The output through its strict checker; a failure is ours, reported as such. */
export async function passesStrictCheck(target: EmitTarget, text: string, io: CliIo): Promise<boolean> {
  const problems = (await strictChecker(target))(text).problems;
  if (problems.length === 0) return true;
  io.stderr(`kfp-designer: internal error: the ${target} output failed its own strict check (please report this):\n`);
  for (const p of problems) io.stderr(`  ${p.path || '/'}: ${p.message}\n`);
  return false;
}
