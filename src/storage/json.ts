/**
 * JSON for stored columns that keeps non-finite numbers. Plain JSON turns NaN and ±Infinity into null, and a
 * diverged run's learning curve legitimately holds a NaN dev loss; reading it back as null would break the
 * CurvePoint type and any rule replayed on the stored curve. Non-finite numbers are written as the tagged object
 * `{"$nonFinite": "NaN" | "Infinity" | "-Infinity"}` and turned back into numbers on read.
 */

const TAG = '$nonFinite';

function tagNonFinite(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? { [TAG]: String(value) } : value;
}

function untagNonFinite(_key: string, value: unknown): unknown {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === TAG) return Number((value as Record<string, unknown>)[TAG]);
  }
  return value;
}

/** Serializes a value, writing NaN and ±Infinity as tagged objects. Cost: one JSON.stringify. */
export function encodeJson(value: unknown): string {
  return JSON.stringify(value, tagNonFinite);
}

/**
 * Parses text written by encodeJson. The reviver (slower than a plain parse) runs only when the text holds the
 * tag, so curves without non-finite values parse at JSON.parse speed.
 */
export function decodeJson<T>(text: string): T {
  return (text.includes(`"${TAG}"`) ? JSON.parse(text, untagNonFinite) : JSON.parse(text)) as T;
}

/** decodeJson for a nullable column. */
export function decodeJsonOrNull<T>(text: string | null): T | null {
  return text === null ? null : decodeJson<T>(text);
}
