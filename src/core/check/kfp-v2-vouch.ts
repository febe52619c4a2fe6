/**
 * A fast "surely valid" for a KFP v2 pipeline text (to be compiled ahead to WebAssembly): `true`
 * only when checkKfpV2YamlInFull would find no problem; `false` means "not known", never "invalid".
 */
export function vouchesForKfpV2(text: string): boolean {
  void text;
  return false;
}

/** How the vouch reads a plain scalar (for tests): `undefined` when it leaves the scalar to the full check. */
export function plainScalarClass(text: string): 'string' | 'int' | 'float' | 'bool' | undefined {
  void text;
  return undefined;
}
