/**
 * The part of the built CLI (vite.cli.config.ts) a run loads only when the strict KFP v2 check must
 * parse a spec with @bufbuild/protobuf, i.e. one its proto3-JSON walk cannot vouch for (never, for
 * output that is fine): bufbuild itself and the KFP descriptor set it is given. Bundled as a chunk of
 * its own, required on first use (src/cli/lazy-bufbuild.ts), so that the ~0.25 MB of its text is not
 * read at every start. Not used by the sources, which import both directly.
 */
export * from '@bufbuild/protobuf';
export { kfpDescriptorSetJson } from '../core/check/generated/kfp-descriptors.ts';
