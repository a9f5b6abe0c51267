import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { parsePolicy, policyToString, selectRecipe, type FrontPoint } from '../../src/export/policy.js';

const point = (trialNumber: number, tokens: number, em: number, emSe = 0.02): FrontPoint => ({
  trialNumber,
  params: { 'stopping.rule': 'none', id: trialNumber },
  tokens: { mean: tokens, se: tokens / 20 },
  em: { mean: em, se: emSe },
});

// Tokens double at each step, so log tokens are evenly spaced; F is dominated by D. Given out of order.
const A = point(1, 50_000, 0.5);
const B = point(2, 100_000, 0.8);
const C = point(3, 200_000, 0.88, 0.015);
const D = point(4, 400_000, 0.9);
const E = point(5, 800_000, 0.905, 0.01);
const F = point(6, 500_000, 0.85);
const front = [D, F, A, E, C, B];

describe('selectRecipe', () => {
  it('knee: the point farthest above the chord in (log tokens, EM) scaled to [0, 1]', () => {
    // Scaled: u = 0, .25, .5, .75, 1; v = 0, .741, .938, .988, 1; v − u is largest at B (0.49).
    expect(selectRecipe(front, { policy: { kind: 'knee' } }).trialNumber).toBe(2);
    expect(selectRecipe(front).trialNumber).toBe(2);
  });

  it('knee: the best EM when no point bends above the chord', () => {
    const convex = [point(1, 1000, 0.1), point(2, 10_000, 0.2), point(3, 100_000, 0.9)];
    expect(selectRecipe(convex, { policy: { kind: 'knee' } }).trialNumber).toBe(3);
    expect(selectRecipe([A, E], { policy: { kind: 'knee' } }).trialNumber).toBe(5);
    expect(selectRecipe([C], { policy: { kind: 'knee' } }).trialNumber).toBe(3);
  });

  it('within:TOL: the cheapest point within TOL of the best EM', () => {
    expect(selectRecipe(front, { policy: { kind: 'within', tolerance: 0.005 } }).trialNumber).toBe(4);
    expect(selectRecipe(front, { policy: { kind: 'within', tolerance: 0.03 } }).trialNumber).toBe(3);
    expect(selectRecipe(front, { policy: { kind: 'within', tolerance: 0 } }).trialNumber).toBe(5);
    expect(selectRecipe(front, { policy: { kind: 'within', tolerance: 1 } }).trialNumber).toBe(1);
  });

  it('within-se: the one-standard-error rule around the best EM', () => {
    // Best E = 0.905 ± 0.01: the cheapest with EM ≥ 0.895 is D.
    expect(selectRecipe(front, { policy: { kind: 'within-se' } }).trialNumber).toBe(4);
    const wide = [A, B, C, D, point(5, 800_000, 0.905, 0.03)];
    expect(selectRecipe(wide, { policy: { kind: 'within-se' } }).trialNumber).toBe(3);
  });

  it('budget:T: the best EM using at most T tokens, and an InputError when none fits', () => {
    expect(selectRecipe(front, { policy: { kind: 'budget', tokens: 300_000 } }).trialNumber).toBe(3);
    expect(selectRecipe(front, { policy: { kind: 'budget', tokens: 400_000 } }).trialNumber).toBe(4);
    expect(() => selectRecipe(front, { policy: { kind: 'budget', tokens: 40_000 } })).toThrow(InputError);
    expect(() => selectRecipe(front, { policy: { kind: 'budget', tokens: 40_000 } })).toThrow(
      '--policy budget:40000: no recipe on the front uses that few tokens (the cheapest uses 50000)',
    );
  });

  it('budget:T,minEm:E: the best EM within T tokens among points reaching E, and an InputError when none does', () => {
    expect(selectRecipe(front, { policy: { kind: 'budget', tokens: 300_000, minEm: 0.85 } }).trialNumber).toBe(3);
    expect(selectRecipe(front, { tokenBudget: 1e6, minEm: 0.9 }).trialNumber).toBe(5);
    expect(() => selectRecipe(front, { policy: { kind: 'budget', tokens: 150_000, minEm: 0.85 } })).toThrow(
      '--policy budget:150000,minEm:0.85: no recipe on the front within the budget reaches EM 0.85 (the best there reaches 0.800)',
    );
    expect(() => selectRecipe(front, { tokenBudget: 150_000, minEm: 0.85 })).toThrow(/^minEm 0\.85: no recipe/);
    expect(parsePolicy('budget:400k,minEm:0.9')).toEqual({ kind: 'budget', tokens: 400_000, minEm: 0.9 });
    expect(parsePolicy(policyToString({ kind: 'budget', tokens: 400_000, minEm: 0.9 }))).toEqual({ kind: 'budget', tokens: 400_000, minEm: 0.9 });
    for (const text of ['budget:400k,minEm:', 'budget:400k,minEm:1.5', 'budget:400k,em:0.9', 'budget:400k,minEm:0.9,x']) {
      expect(() => parsePolicy(text)).toThrow(/^--policy: .*budget:TOKENS,minEm:EM/);
    }
  });

  it('moves along the front with a token budget, applying the policy to what fits', () => {
    expect(selectRecipe(front, { tokenBudget: 150_000 }).trialNumber).toBe(2);
    expect(selectRecipe(front, { tokenBudget: 1e9 }).trialNumber).toBe(5);
    // Within 250k tokens the front is A, B, C; its knee is still B.
    expect(selectRecipe(front, { tokenBudget: 250_000, policy: { kind: 'knee' } }).trialNumber).toBe(2);
    expect(selectRecipe(front, { tokenBudget: 250_000, policy: { kind: 'within', tolerance: 0.01 } }).trialNumber).toBe(3);
    expect(() => selectRecipe(front, { tokenBudget: 10 })).toThrow(/^token budget 10: no recipe on the front/);
  });

  it('ignores dominated points, breaks ties by trial id, and refuses an empty front', () => {
    expect(selectRecipe(front, { policy: { kind: 'within', tolerance: 0.06 } }).trialNumber).toBe(3);
    const twins = [point(9, 1000, 0.5), point(7, 1000, 0.5)];
    expect(selectRecipe(twins).trialNumber).toBe(7);
    expect(() => selectRecipe([])).toThrow('the front is empty');
  });
});

describe('parsePolicy', () => {
  it('reads every policy form and writes it back', () => {
    expect(parsePolicy('knee')).toEqual({ kind: 'knee' });
    expect(parsePolicy('within:0.005')).toEqual({ kind: 'within', tolerance: 0.005 });
    expect(parsePolicy('within-se')).toEqual({ kind: 'within-se' });
    expect(parsePolicy('budget:200000')).toEqual({ kind: 'budget', tokens: 200_000 });
    expect(parsePolicy('budget:200k')).toEqual({ kind: 'budget', tokens: 200_000 });
    expect(parsePolicy('budget:1.5M')).toEqual({ kind: 'budget', tokens: 1_500_000 });
    for (const text of ['knee', 'within:0.005', 'within-se', 'budget:200000']) {
      expect(policyToString(parsePolicy(text))).toBe(text);
    }
  });

  it('rejects anything else with one line naming --policy', () => {
    expect(() => parsePolicy('x')).toThrow(
      new InputError('--policy: unknown policy "x" (expected knee, within:TOL, within-se, budget:TOKENS or budget:TOKENS,minEm:EM)'),
    );
    for (const text of ['within:abc', 'within:-1', 'within', 'within:']) {
      expect(() => parsePolicy(text)).toThrow(/^--policy: .*TOL must be a number ≥ 0/);
    }
    for (const text of ['budget:0', 'budget:', 'budget:10q', 'budget:-5', 'budget:1e400']) {
      expect(() => parsePolicy(text)).toThrow(/^--policy: .*TOKENS must be a positive number/);
    }
    expect(() => parsePolicy('Knee')).toThrow(/unknown policy "Knee"/);
  });
});

describe('selectRecipe by confirmed figures', () => {
  const confirmed = (p: FrontPoint, tokens: number, em: number): FrontPoint => ({
    ...p,
    confirmed: { tokens: { mean: tokens, se: tokens / 20 }, em: { mean: em, se: 0.02 }, runs: 3 },
  });

  it('chooses by the confirmed figures when every front point has them', () => {
    // Cross-validated, E has the best EM; confirmed on the test part, C does (E did not hold up).
    const all = [confirmed(A, 50_000, 0.5), confirmed(B, 100_000, 0.78), confirmed(C, 200_000, 0.9), confirmed(D, 400_000, 0.86), confirmed(E, 800_000, 0.87)];
    expect(selectRecipe(all, { policy: { kind: 'budget', tokens: 1e9 } }).trialNumber).toBe(3);
    expect(selectRecipe(all, { policy: { kind: 'within', tolerance: 0 } }).trialNumber).toBe(3);
    // The point returned carries its own cross-validated figures.
    expect(selectRecipe(all, { policy: { kind: 'within', tolerance: 0 } }).em.mean).toBe(0.88);
  });

  it('falls back to the cross-validated figures when any point is unconfirmed (never a mix)', () => {
    const some = [confirmed(A, 50_000, 0.5), B, confirmed(C, 200_000, 0.99), D, E];
    expect(selectRecipe(some, { policy: { kind: 'budget', tokens: 1e9 } }).trialNumber).toBe(5);
  });
});
