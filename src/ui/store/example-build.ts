/**
 * What the build makes of the built-in example (vite.config.ts imports this): the pipeline, and
 * its diagnostics for the target the designer opens with, so that the page draws it without the
 * importer, the YAML parser, the validator or the emitters (see main.tsx, engine.ts).
 */
import { diagnosticsSeed } from './derived';
import { loadEngine } from './engine';
import { examplePipeline } from './initial';

await loadEngine();

export const pipeline = examplePipeline();
export const diagnostics = diagnosticsSeed(pipeline, 'kfp-v2');
