// One cold KFP v2 emission of `argv[2]` steps between BEGIN and END lines, for bench/emission.bench.ts
// (run with --trace-gc, whose lines in between show the heap before each collection).
import { emitPipeline } from '../src/core/emit/index';
import { generatePipeline } from './generate';

const pipeline = generatePipeline(Number(process.argv[2]));
console.log('BEGIN');
const { text } = emitPipeline(pipeline, { target: 'kfp-v2' });
console.log(`END ${(process.memoryUsage().heapUsed / 1024 / 1024).toFixed(1)} ${text.length}`);
