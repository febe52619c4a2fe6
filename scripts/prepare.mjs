// `prepare` (run by `npm ci` and `npm install`): builds the CLI (dist-cli/), so `npx kfp-designer`
// starts in ~0.1 s instead of compiling TypeScript at every start. Without the dev dependencies
// (`npm ci --omit=dev`) there is no bundler: only the checkers' build-time data is made, and
// bin/kfp-designer.cjs runs the sources through tsx (slower to start, same behaviour).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const node = (args) => spawnSync(process.execPath, args, { stdio: 'inherit' }).status ?? 1;
if (existsSync('node_modules/vite/bin/vite.js')) {
  process.exitCode = node(['node_modules/vite/bin/vite.js', 'build', '--config', 'vite.cli.config.ts']);
} else {
  console.log('kfp-designer: vite is not installed (dev dependencies omitted): the CLI will run from source');
  process.exitCode = node(['node_modules/tsx/dist/cli.mjs', 'scripts/precompile-checkers.ts']);
}
