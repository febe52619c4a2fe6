export type KfpApiVersion = 'v2beta1' | 'v1beta1';

/**
 * The `filter` query value for "key equals value" (kfp-api README §2). The predicate's operator
 * field is `operation` in v2beta1 and `op` in v1beta1. The server URL-decodes `filter` once more
 * after the query string is decoded, so the JSON is percent-encoded here and the query builder
 * encodes it again, as the KFP UI does; encoded once, a `+` or `%` in a name would change meaning.
 */
export function equalsFilter(api: KfpApiVersion, key: string, value: string): string {
  const operator = api === 'v2beta1' ? 'operation' : 'op';
  return encodeURIComponent(JSON.stringify({ predicates: [{ key, [operator]: 'EQUALS', string_value: value }] }));
}
