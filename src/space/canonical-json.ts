/**
 * JSON text of `value` with object keys sorted (by UTF-16 code units) at every depth and no whitespace, so that
 * two values that differ only in key order give the same text. Values JSON cannot hold follow JSON.stringify
 * (undefined members dropped, undefined array items and non-finite numbers become null). Cost: O(size · log keys).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value)) ?? 'null';
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : sortKeys(item)));
  if (typeof value !== 'object' || value === null) return value;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return sortKeys((value as { toJSON(): unknown }).toJSON());
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    // defineProperty keeps a "__proto__" key as data.
    Object.defineProperty(sorted, key, { value: sortKeys((value as Record<string, unknown>)[key]), enumerable: true });
  }
  return sorted;
}
