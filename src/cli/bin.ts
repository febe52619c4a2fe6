// The entry of the built CLI (vite.cli.config.ts → dist-cli/kfp-designer.cjs), which
// bin/kfp-designer.cjs loads and runs; the build's training run calls runCli directly, and
// bin.test.ts holds the built checkers (strictChecker) to the sources'.
import { runCli } from './main';
import { strictChecker } from './strict-check';

export { runCli, strictChecker };

export async function main(argv: string[]): Promise<number> {
  return runCli(argv);
}
