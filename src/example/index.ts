import type { MagnusInput } from '../core/magnus/import';
import config from './train.config.yaml?raw';
import dag from './train.dag.yaml?raw';
import parameters from './train.parameters.yaml?raw';

/** The pipeline a first visit opens with: realistic enough to show every part of the designer. */
export const EXAMPLE: MagnusInput = { dag: { text: dag }, config: { text: config }, parameters: { text: parameters } };
