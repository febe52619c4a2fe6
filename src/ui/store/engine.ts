/**
 * The validator, the emitters and the magnus export in the page, loaded after its first paint: a first visit opens on
 * the built-in example, whose diagnostics were computed when the app was built
 * (main.tsx primes them), so the page draws without ~25 KB (gzip) of transpiler it does not need
 * yet. Every other way in — a restored save, an import, the YAML editor — waits for `loadEngine`.
 */
type Engine = typeof import('./derive-seed');

let loaded: Engine | undefined;
let loading: Promise<Engine> | undefined;

export function loadEngine(): Promise<Engine> {
  loading ??= import('./derive-seed').then((module) => (loaded = module));
  return loading;
}

/**
 * The engine, once loaded. Before, it throws the loading promise: a component rendering a pipeline
 * edited in the few milliseconds between the first paint and the engine's arrival suspends until
 * it is there (React shows the content it had meanwhile, see App.tsx), and renders again.
 */
export function engine(): Engine {
  if (loaded) return loaded;
  throw loadEngine();
}
