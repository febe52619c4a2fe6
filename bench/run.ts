/**
 * `npm run bench`: the core table (bench/core.bench.ts), then issue 13's core and CLI goals, each
 * printed beside its measured value, and the import worker's first half (import-read.bench.ts).
 * Needs `node --expose-gc` (the npm script passes it).
 */
import { measureCli } from './cli.bench';
import { measureEmission } from './emission.bench';
import { measureImportRead } from './import-read.bench';
import { printGoals } from './goals';

await import('./core.bench');
const rows = [...(await measureEmission()), ...measureCli(), ...measureImportRead()];
printGoals('issue 13 goals measured by npm run bench (bench:ui measures the app\'s):', rows);
