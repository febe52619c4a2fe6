import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * The default version name: a digest of the pipeline file exactly as uploaded, so deploying the
 * same content again finds its version by name and uploads nothing. 12 hex digits (48 bits) make a
 * collision within one pipeline's versions negligible. SHA-256 from @noble/hashes, not Web Crypto:
 * `crypto.subtle` is missing on plain-http origins, which is how a team serves the designer.
 */
export function contentVersionName(text: string): string {
  return `sha256-${bytesToHex(sha256(utf8ToBytes(text))).slice(0, 12)}`;
}
