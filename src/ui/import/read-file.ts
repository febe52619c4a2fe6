import { describeBytes, MAX_FILE_BYTES } from '../../core/limits';
import { decodeText } from '../../core/text-encoding';
import type { NamedText } from './classify';

/**
 * One chosen or dropped file as text: within the size limit (larger files are not read at all),
 * UTF-8 or BOM-marked UTF-16; otherwise it is kept out of the import with the reason.
 */
export async function readNamedFile(file: Blob & { name: string }): Promise<NamedText> {
  const unreadable = (reason: string): NamedText => ({ name: file.name, text: '', unreadable: reason });
  if (file.size > MAX_FILE_BYTES) return unreadable(`is larger than ${describeBytes(MAX_FILE_BYTES)} (${describeBytes(file.size)}), the limit`);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch (error) {
    return unreadable(`could not be read (${error instanceof Error ? error.message : String(error)})`);
  }
  const decoded = decodeText(bytes);
  return 'error' in decoded ? unreadable(`cannot be read: ${decoded.error}`) : { name: file.name, text: decoded.text };
}
