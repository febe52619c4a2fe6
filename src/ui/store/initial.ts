import { importMagnus } from '../../core/magnus/import';
import type { Pipeline } from '../../core/model/types';
import { EXAMPLE } from '../../example';

/** The example a first visit shows. It is part of the app, so failing to import it is a bug, not bad input. */
export function examplePipeline(): Pipeline {
  const { pipeline, diagnostics } = importMagnus(EXAMPLE);
  if (!pipeline) throw new Error(`the built-in example does not import: ${diagnostics.map((d) => d.message).join('; ')}`);
  return pipeline;
}
