/**
 * The placing of steps that have none (placement.ts), loaded after the page's first paint rather
 * than with it (main.tsx): a first visit opens on a pipeline whose steps all have their places.
 * Once it is here, steps are placed in the effect of the change that brought them, as before it
 * was split off; a step that needs a place before then waits for it.
 */
export type Placement = typeof import('./placement');

let loaded: Placement | undefined;
let loading: Promise<Placement> | undefined;

export function loadPlacement(): Promise<Placement> {
  loading ??= import('./placement').then(
    (module) => (loaded = module),
    (error: unknown) => {
      loading = undefined; // tried again by the next step that needs a place
      throw error;
    },
  );
  return loading;
}

/** The placing code, if it has loaded. */
export const placementLoaded = (): Placement | undefined => loaded;
