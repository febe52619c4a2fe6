/**
 * What the built CLI (vite.cli.config.ts) gets for `@bufbuild/protobuf`: the strict KFP v2 check
 * parses a spec with bufbuild only when its proto3-JSON walk cannot vouch for it (never, for output
 * that is fine), yet a static import runs bufbuild's module code — its set-up of descriptor.proto and
 * the well-known types — at every start, ~15 % of a `transpile`. Here the enum the walk reads is
 * bundled as is (bufbuild has no side effects, so only its small module comes along) and everything
 * else is required on first use from the bundle's lazy part (src/cli/lazy-part.ts), a chunk a run
 * that never needs it never reads.
 */
import type * as Bufbuild from '@bufbuild/protobuf';
import type * as LazyPart from './lazy-part';

export { ScalarType } from '@bufbuild/protobuf';

/** How the bundle's chunks require the lazy part: the build makes it a chunk of this name beside them. */
export const LAZY_PART_SPECIFIER = './lazy-part.cjs';

let loaded: typeof LazyPart | undefined;

/** The lazy part, loaded on first use: also what the KFP descriptor set comes from in the built CLI. */
export function lazyPart(): typeof LazyPart {
  // require, not import(): the check is synchronous.
  loaded ??= require(LAZY_PART_SPECIFIER) as typeof LazyPart;
  return loaded;
}

export const fromJson = ((...args: Parameters<typeof Bufbuild.fromJson>) => lazyPart().fromJson(...args)) as typeof Bufbuild.fromJson;
export const createFileRegistry = ((...args: Parameters<typeof Bufbuild.createFileRegistry>) => lazyPart().createFileRegistry(...args)) as typeof Bufbuild.createFileRegistry;
