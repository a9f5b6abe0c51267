/**
 * The candidate closest to `name` by edit distance, if it is close enough to be a likely typo (distance ≤ 2, or
 * equal ignoring case), else the first candidate that `name` (4 characters or more) abbreviates, for "did you
 * mean" hints. Cost: O(|candidates| · |name| · |candidate|).
 */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  let abbreviated: string | undefined;
  for (const candidate of candidates) {
    if (abbreviated === undefined && name.length >= 4 && candidate.toLowerCase().startsWith(name.toLowerCase())) {
      abbreviated = candidate;
    }
    const distance = candidate.toLowerCase() === name.toLowerCase() ? 0 : editDistance(name, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const limit = Math.min(2, Math.floor(name.length / 2));
  return bestDistance <= limit ? best : abbreviated;
}

/** ` (did you mean "x"?)` or the empty string. */
export function didYouMean(name: string, candidates: Iterable<string>): string {
  const guess = closestName(name, candidates);
  return guess === undefined ? '' : ` (did you mean ${JSON.stringify(guess)}?)`;
}

/** Levenshtein distance (insert, delete, substitute each cost 1), two-row dynamic programme. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length];
}
