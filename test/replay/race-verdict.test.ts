import { describe, expect, it } from 'vitest';
import { raceVerdict } from '../../src/replay/index.js';
import { createRng } from '../../src/random/rng.js';
import { foldEstimate } from '../../src/trainer/fold-estimate.js';
import type { Estimate, FoldResult } from '../../src/trainer/results.js';

const fold = (index: number, tokens: number, em: number): FoldResult => ({
  fold: index,
  tokens,
  em,
  heldOutSize: 100,
  stopReason: 'rule:patience',
  diverged: false,
  curve: [],
  seconds: 0,
});

const recipe = (tokens: number[], ems: number[]): { tokens: Estimate; em: Estimate } => ({
  tokens: foldEstimate(tokens),
  em: foldEstimate(ems),
});

describe('raceVerdict', () => {
  const strong = recipe([1.0e6, 1.1e6, 0.9e6], [0.95, 0.96, 0.94]);

  it('races a recipe whose finished folds leave it behind a cheaper complete recipe under any plausible remaining folds', () => {
    const verdict = raceVerdict([fold(0, 2e6, 0.4)], 3, [strong]);
    expect(verdict.raced).toBe(true);
    expect(verdict.reason).toMatch(/^raced when 1 of 3 folds had finished/);
  });

  it('does not race a recipe that could still be cheaper, or whose remaining folds could lift its EM to the reference\'s', () => {
    // Cheaper than the reference: never dominated, however low its EM.
    expect(raceVerdict([fold(0, 0.5e6, 0.4)], 3, [strong]).raced).toBe(false);
    // Close in EM: two more folds two spreads (the reference's between-fold SD, 0.01) better would reach it.
    expect(raceVerdict([fold(0, 2e6, 0.935)], 3, [strong]).raced).toBe(false);
    expect(raceVerdict([fold(0, 2e6, 0.92)], 3, [strong]).raced).toBe(true);
    // A reference without a standard error (one fold) cannot race anything.
    expect(raceVerdict([fold(0, 2e6, 0.1)], 3, [recipe([1e6], [0.99])]).raced).toBe(false);
  });

  it('never races before the first fold, after the last, or without references', () => {
    expect(raceVerdict([], 3, [strong]).raced).toBe(false);
    expect(raceVerdict([fold(0, 2e6, 0.1), fold(1, 2e6, 0.1), fold(2, 2e6, 0.1)], 3, [strong]).raced).toBe(false);
    expect(raceVerdict([fold(0, 2e6, 0.1)], 3, []).raced).toBe(false);
  });

  it('a wider margin races less', () => {
    const finished = [fold(0, 2e6, 0.9)];
    expect(raceVerdict(finished, 3, [strong], { margin: 1 }).raced).toBe(true);
    expect(raceVerdict(finished, 3, [strong], { margin: 5 }).raced).toBe(false);
  });

  it('never races a recipe that some plausible completion of its folds would leave non-dominated by every reference', () => {
    // Random recipes and references; a completion is plausible when each remaining fold lies within the bounds the
    // doc comment states (margin × the pooled spread beyond the best finished fold). A raced recipe must be worse
    // in EM and no cheaper than its racer under the most favourable such completion, so also under any other.
    const rng = createRng(11);
    let raced = 0;
    for (let trial = 0; trial < 2000; trial++) {
      const folds = 3 + rng.int(3);
      const finished = Array.from({ length: 1 + rng.int(folds - 1) }, (_, f) => fold(f, 1e5 + rng.next() * 3e6, rng.next()));
      const references = Array.from({ length: 1 + rng.int(4) }, () => {
        const center = rng.next();
        const cost = 1e5 + rng.next() * 3e6;
        return recipe(
          Array.from({ length: folds }, () => cost * (0.8 + 0.4 * rng.next())),
          Array.from({ length: folds }, () => Math.min(1, Math.max(0, center + 0.05 * rng.normal()))),
        );
      });
      const verdict = raceVerdict(finished, folds, references);
      if (!verdict.raced) continue;
      raced++;
      const spread = (select: (r: { tokens: Estimate; em: Estimate }) => Estimate, own: number[]) => {
        const variances = references.map((r) => select(r).se ** 2 * folds).filter(Number.isFinite);
        if (own.length >= 2) variances.push(foldEstimate(own).se ** 2 * own.length);
        return Math.sqrt(variances.reduce((a, b) => a + b, 0) / variances.length);
      };
      const ems = finished.map((f) => f.em);
      const tokens = finished.map((f) => f.tokens);
      const remaining = folds - finished.length;
      for (let completion = 0; completion < 20; completion++) {
        const moreEm = Array.from({ length: remaining }, () => Math.min(1, Math.max(...ems) + 2 * spread((r) => r.em, ems) * rng.next()));
        const moreTokens = Array.from({ length: remaining }, () => Math.max(0, Math.min(...tokens) - 2 * spread((r) => r.tokens, tokens) * rng.next()));
        const complete = recipe([...tokens, ...moreTokens], [...ems, ...moreEm]);
        const beaten = references.some((r) => r.tokens.mean <= complete.tokens.mean && r.em.mean > complete.em.mean);
        expect(beaten).toBe(true);
      }
    }
    expect(raced).toBeGreaterThan(50);
  });
});
