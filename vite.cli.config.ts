import { spawnSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { BUNDLE_DIR, BUNDLE_ENTRY, INPUTS_FILE, WRAPPER, WRAPPER_END } from './bin/bundle.cjs';
import { precompiledCheckers, precompileInputs } from './scripts/precompile-checkers.ts';

/**
 * The command line bundled for Node (`npm run build:cli`, run by `npm ci`'s `prepare` and by
 * `npm run build`): no TypeScript compiled at start, dependencies inlined, one chunk per `import()`
 * of src/cli/main.ts (so `--help` loads a few KB and each target only its own checker), CommonJS so
 * that bin/bundle.cjs can hand V8 each chunk's code cache, which a training run then writes.
 */
const ROOT = fileURLToPath(new URL('.', import.meta.url));

/**
 * Lists every file the bundle was built from, with its size and modification time, so that
 * bin/kfp-designer.cjs can tell a stale bundle (a source edited since) and run the sources instead.
 */
function inputsManifest(): Plugin {
  return {
    name: 'kfp-designer:cli-inputs',
    writeBundle() {
      const modules = [...this.getModuleIds()].filter((id) => id.startsWith(ROOT) && !id.includes('/node_modules/'));
      const own = ['package-lock.json', 'bin/bundle.cjs', 'scripts/train-cli.mjs'].map((file) => join(ROOT, file));
      const files = [...new Set([...modules, ...precompileInputs(), ...own, fileURLToPath(import.meta.url)])]
        .map((file) => relative(ROOT, file))
        .sort()
        .map((file) => {
          const { size, mtimeMs } = statSync(join(ROOT, file));
          return [file, size, mtimeMs];
        });
      writeFileSync(join(ROOT, BUNDLE_DIR, INPUTS_FILE), `${JSON.stringify({ files })}\n`);
      const training = spawnSync(process.execPath, [join(ROOT, 'scripts/train-cli.mjs')], { cwd: ROOT, stdio: 'inherit' });
      if (training.status !== 0) throw new Error('the training run of the built CLI failed');
    },
  };
}

/**
 * Each chunk written already wrapped in the function bin/bundle.cjs calls it as (Node's CommonJS
 * wrapper), so that a start compiles the file's text as read, without copying it into a wrapped one;
 * and held to ASCII (the output's `charset`), which bin/bundle.cjs reads as Latin-1.
 */
function wrappedChunks(): Plugin {
  return {
    name: 'kfp-designer:wrapped-chunks',
    generateBundle(_options, bundle) {
      for (const output of Object.values(bundle)) {
        if (output.type !== 'chunk') continue;
        // bin/bundle.cjs reads each chunk as Latin-1, byte for byte: a character beyond ASCII would be misread.
        const beyondAscii = /[^\x00-\x7f]/.exec(output.code);
        if (beyondAscii) throw new Error(`${output.fileName} has a character beyond ASCII (${JSON.stringify(beyondAscii[0])} at ${beyondAscii.index}), which bin/bundle.cjs would misread`);
        output.code = `${WRAPPER}${output.code}${WRAPPER_END}`;
      }
    },
  };
}

const LAZY_BUFBUILD = join(ROOT, 'src/cli/lazy-bufbuild.ts');
const LAZY_PART = join(ROOT, 'src/cli/lazy-part.ts');
const DESCRIPTORS = join(ROOT, 'src/core/check/generated/kfp-descriptors.ts');
const DESCRIPTOR_SET = '\0kfp-designer:kfp-descriptor-set.ts';
/** The function generated/kfp-descriptors.ts returns the descriptor set's JSON text from. */
const DESCRIPTOR_SET_FUNCTION = /^export function kfpDescriptorSetJson\(\): string \{\n {2}return "(?:[^"\\\n]|\\.)*";\n\}$/m;

function descriptorSetFunction(code: string): RegExpExecArray {
  const found = DESCRIPTOR_SET_FUNCTION.exec(code);
  if (!found) throw new Error(`${relative(ROOT, DESCRIPTORS)} has no kfpDescriptorSetJson() returning a string literal, which the CLI build moves to its lazy part`);
  return found;
}

/**
 * The CLI's lazy part (src/cli/lazy-part.ts): what the strict KFP v2 check needs only to parse a spec
 * with @bufbuild/protobuf, as a chunk required on first use. Everywhere else `@bufbuild/protobuf` is
 * src/cli/lazy-bufbuild.ts, which requires the part, and the generated descriptor set's function is
 * left in the part, its stand-in requiring it from there: bufbuild and the set were ~0.25 MB of the
 * KFP checker's chunk, read at every start of a transpile and never run.
 */
function lazyPart(): Plugin {
  return {
    name: 'kfp-designer:lazy-part',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source === '@bufbuild/protobuf' && importer !== LAZY_BUFBUILD && importer !== LAZY_PART) return LAZY_BUFBUILD;
      if (importer === LAZY_PART && source.endsWith('/generated/kfp-descriptors.ts')) return DESCRIPTOR_SET;
      return null;
    },
    load(id) {
      return id === DESCRIPTOR_SET ? descriptorSetFunction(readFileSync(DESCRIPTORS, 'utf8'))[0] : null;
    },
    transform(code, id) {
      if (id !== DESCRIPTORS) return null;
      const found = descriptorSetFunction(code);
      const standIn = 'export function kfpDescriptorSetJson(): string {\n  return lazyPart().kfpDescriptorSetJson();\n}';
      return `import { lazyPart } from ${JSON.stringify(LAZY_BUFBUILD)};\n${code.slice(0, found.index)}${standIn}${code.slice(found.index + found[0].length)}`;
    },
  };
}

export default defineConfig({
  plugins: [lazyPart(), precompiledCheckers(), wrappedChunks(), inputsManifest()],
  logLevel: 'warn',
  ssr: { noExternal: true, target: 'node' },
  build: {
    ssr: true,
    outDir: BUNDLE_DIR,
    emptyOutDir: true,
    target: 'node20',
    minify: true,
    rolldownOptions: {
      // The training run (above) is meant to take a while; no report of slow plugin callbacks.
      checks: { bundlerTimings: false },
      // The lazy part is an entry of its own, beside the chunks that require it (LAZY_PART_SPECIFIER).
      input: { 'kfp-designer': 'src/cli/bin.ts', 'lazy-part': LAZY_PART },
      output: {
        format: 'cjs',
        charset: 'ascii',
        entryFileNames: (chunk) => (chunk.name === 'lazy-part' ? 'chunks/lazy-part.cjs' : BUNDLE_ENTRY),
        chunkFileNames: 'chunks/[name]-[hash].cjs',
      },
    },
  },
});
