/**
 * Hostile and huge input, as a person hands it to the designer: the figures are inputs of the
 * generators below. Shared by `npm run bench:responsive` and the end-to-end tests, so both use the
 * same bombs.
 */
import { deflateRawSync } from 'node:zlib';

/**
 * "Billion laughs": `levels` anchors, each a list of `fanOut` aliases of the one before, in a key of
 * a step that magnus ignores (the designer keeps such keys as written). Expanded it is fanOut^levels scalars (6 × 10: a million).
 */
export function aliasBombDag(levels: number, fanOut = 10): string {
  const lines = ['dag:', '  start_at: hello', '  steps:', '    hello:', '      type: stub', '      next: success', '      laughs:'];
  lines.push(`        a0: &a0 [${Array.from({ length: fanOut }, () => 'laugh').join(', ')}]`);
  for (let level = 1; level < levels; level++) lines.push(`        a${level}: &a${level} [${Array.from({ length: fanOut }, () => `*a${level - 1}`).join(', ')}]`);
  lines.push('    success:', '      type: success', '    fail:', '      type: fail');
  return `${lines.join('\n')}\n`;
}

/** A share-link fragment holding these magnus files, written as the designer's Copy link writes them. */
export function shareFragment(files: { dag: string; config: string }): string {
  return `pipeline=v1.${deflateRawSync(Buffer.from(JSON.stringify(files))).toString('base64url')}`;
}

/** A link that inflates to `bytes` of JSON (a long string in the dag file): a deflate bomb past some size. */
export function inflateBombFragment(bytes: number): string {
  const json = Buffer.concat([Buffer.from('{"dag":"'), Buffer.alloc(bytes, 'x'), Buffer.from('","config":""}')]);
  return `pipeline=v1.${deflateRawSync(json, { level: 9 }).toString('base64url')}`;
}
