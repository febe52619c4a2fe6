/**
 * What the built CLI (vite.cli.config.ts) gets for `@bufbuild/protobuf`: the strict KFP v2 check
 * parses a spec with bufbuild only when its proto3-JSON walk cannot vouch for it (never, for output
 * that is fine), yet a static import runs bufbuild's module code — its set-up of descriptor.proto and
 * the well-known types — at every start, ~15 % of a `transpile`. Here the enum the walk reads is
 * bundled as is (bufbuild has no side effects, so only its small module comes along) and everything
 * else is required on first use: rolldown bundles a `require`d module as a function run at that call.
 */
import type * as Bufbuild from '@bufbuild/protobuf';

export { ScalarType } from '@bufbuild/protobuf';

let loaded: typeof Bufbuild | undefined;

function bufbuild(): typeof Bufbuild {
  // require, not import(): the check is synchronous.
  loaded ??= require('@bufbuild/protobuf') as typeof Bufbuild;
  return loaded;
}

export const fromJson = ((...args: Parameters<typeof Bufbuild.fromJson>) => bufbuild().fromJson(...args)) as typeof Bufbuild.fromJson;
export const createFileRegistry = ((...args: Parameters<typeof Bufbuild.createFileRegistry>) => bufbuild().createFileRegistry(...args)) as typeof Bufbuild.createFileRegistry;
