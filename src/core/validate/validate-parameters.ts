import type { Diagnostic } from '../diagnostics';
import type { Pipeline } from '../model/types';
import { isParameterName } from './names';
import { error, quote, warning } from './report';

/** The workflow parameter every emitted pipeline adds for magnus's run id (§8.1, §9.3). */
export const RESERVED_PARAMETER = 'run_id';

/**
 * Initial parameters become workflow parameters and `MAGNUS_PRM_<name>` variables (§5, §9.4):
 * names KFP and Argo accept, not the run id, and distinct even after magnus lower-cases the
 * names it reads from the environment.
 */
export function validateParameters(pipeline: Pipeline): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const byLowerCase = new Map<string, string>();
  for (const { name } of pipeline.parameters) {
    const target = { field: `parameters.${name}` };
    if (!isParameterName(name)) {
      diagnostics.push(
        error(
          'E_PARAMETER_NAME',
          `parameter name ${quote(name)} is not accepted by KFP and Argo: start with a letter, then letters, digits, \`_\` or \`-\` (e.g. ${quote(suggestName(name))})`,
          target,
        ),
      );
    }
    if (name === RESERVED_PARAMETER) {
      diagnostics.push(error('E_PARAMETER_RESERVED', `parameter name \`${RESERVED_PARAMETER}\` is taken: the emitted workflow passes magnus's run id under it; rename the parameter`, target));
    }
    const earlier = byLowerCase.get(name.toLowerCase());
    byLowerCase.set(name.toLowerCase(), earlier ?? name);
    if (earlier === name) {
      diagnostics.push(error('E_PARAMETER_DUPLICATE', `parameter ${quote(name)} is defined twice; keep one`, target));
    } else if (earlier !== undefined) {
      diagnostics.push(
        error(
          'E_PARAMETER_CASE_CLASH',
          `parameters ${quote(earlier)} and ${quote(name)} differ only in case; magnus lower-cases parameter names it reads from MAGNUS_PRM_* variables, so both become ${quote(name.toLowerCase())}; rename one`,
          target,
        ),
      );
    } else if (name !== name.toLowerCase()) {
      diagnostics.push(
        warning(
          'W_PARAMETER_MIXED_CASE',
          `parameter ${quote(name)} has capital letters; magnus lower-cases names it reads from MAGNUS_PRM_* variables, so steps may see it as ${quote(name.toLowerCase())} (or both); prefer lower case`,
          target,
        ),
      );
    }
  }
  return diagnostics;
}

function suggestName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^[^A-Za-z]+/, '');
  return cleaned === '' ? 'my_parameter' : cleaned;
}
