#!/usr/bin/env node
// Runs the TypeScript CLI straight from source (tsx), so CI needs no build step before it.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2));
