// The page loads the validator and the emitters after its first paint (src/ui/store/engine.ts);
// unit tests use the derived values at once, so the engine is there before any test runs.
import { loadEngine } from '../../src/ui/store/engine';

await loadEngine();
