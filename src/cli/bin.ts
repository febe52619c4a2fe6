// The entry of the built CLI (vite.cli.config.ts → dist-cli/kfp-designer.cjs), which
// bin/kfp-designer.cjs loads and runs; the build's training run calls runCli directly.
import { runCli } from './main';

export { runCli };

export async function main(argv: string[]): Promise<number> {
  return runCli(argv);
}
