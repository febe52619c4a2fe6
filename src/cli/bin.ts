// The entry of the built CLI (vite.cli.config.ts → dist-cli/kfp-designer.mjs), run by bin/kfp-designer.mjs.
import { runCli } from './main';

process.exitCode = await runCli(process.argv.slice(2));
