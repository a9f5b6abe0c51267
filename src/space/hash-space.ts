import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';

/**
 * A stable identity of a search space (for provenance and for refusing to resume a study on a changed space):
 * the SHA-256 (hex) of its canonical JSON, so key order and whitespace do not matter but every value does.
 * Kept apart from the pure space code because it needs node:crypto. Cost: O(size of the space).
 */
export function hashSpace(space: unknown): string {
  return createHash('sha256').update(canonicalJson(space)).digest('hex');
}
