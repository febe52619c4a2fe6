import { describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES } from '../../core/limits';
import { readNamedFile } from './read-file';

const DAG = 'dag:\n  description: Grüße\n  start_at: a\n';

describe('reading a chosen or dropped file', () => {
  it('reads UTF-8, UTF-8 with a byte-order mark and BOM-marked UTF-16', async () => {
    const utf16 = new Uint8Array([0xff, 0xfe, ...[...DAG].flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8])]);
    for (const bytes of [new TextEncoder().encode(DAG), new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(DAG)]), utf16]) {
      expect(await readNamedFile(new File([bytes], 'dag.yaml'))).toEqual({ name: 'dag.yaml', text: DAG });
    }
  });

  it('refuses a Latin-1 file with the byte that is not UTF-8, instead of reading U+FFFD', async () => {
    const latin1 = new Uint8Array([...new TextEncoder().encode('dag:\n  description: Gr'), 0xfc, 0x73, 0x73, 0x65, 0x0a]);
    const read = await readNamedFile(new File([latin1], 'latin1.yaml'));
    expect(read.text).toBe('');
    expect(read.unreadable).toMatch(/not UTF-8: byte 23 \(line 2, column 18\) is 0xFC/);
  });

  it('refuses a file over the size limit without reading it, naming the limit', async () => {
    const big = new File([new Uint8Array(MAX_FILE_BYTES + 1)], 'big.yaml');
    const read = await readNamedFile(big);
    expect(read.unreadable).toMatch(/larger than 8 MiB/);
  });
});
