// The entry of the built CLI (vite.cli.config.ts → dist-cli/kfp-designer.cjs), which
// bin/kfp-designer.cjs loads and runs; the build's training run calls runCli directly, and
// bin.test.ts holds the built checkers (strictChecker) to the sources'.
import { outputWritten, runCli } from './main';
import { strictChecker } from './strict-check';

export { runCli, strictChecker };

/** Runs the command line; resolves with the exit code once its output has gone to the system (outputWritten). */
export async function main(argv: string[]): Promise<number> {
  const code = await runCli(argv);
  await outputWritten();
  return code;
}
