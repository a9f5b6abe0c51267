/**
 * A seed for a named sub-task of a seeded computation (`deriveSeed(seed, 'dev', fold)`), so that each part draws
 * from its own stream and the result does not depend on the order parts run in. FNV-1a (32-bit) over the parts'
 * text; createRng mixes the result further. Cost: O(length of the parts' text).
 */
export function deriveSeed(seed: number, ...parts: (number | string)[]): number {
  const text = [seed, ...parts].join('\u0000');
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** The seed of trial `trialNumber` of a study seeded with `studySeed` (weights, dropout, batch order). */
export function trialSeed(studySeed: number, trialNumber: number): number {
  return deriveSeed(studySeed, 'trial', trialNumber);
}
