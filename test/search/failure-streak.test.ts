import { describe, expect, it } from 'vitest';
import { createFailureStreak } from '../../src/search/failure-streak.js';

describe('createFailureStreak', () => {
  it('stops at the third failure in a row with the same message, numbers aside', () => {
    const streak = createFailureStreak();
    expect(streak.failed('folds must be an integer from 2 to 1, got 2')).toBeUndefined();
    expect(streak.failed('folds must be an integer from 2 to 1, got 2')).toBeUndefined();
    expect(streak.failed('folds must be an integer from 2 to 7, got 9')).toMatch(
      /^3 trials in a row failed the same way, so the search stopped: folds must be/,
    );
  });

  it('starts over after a complete trial, and stops after ten failures of any kind', () => {
    const streak = createFailureStreak();
    streak.failed('a');
    streak.failed('a');
    streak.succeeded();
    expect(streak.failed('a')).toBeUndefined();
    const reasons = ['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'].map((message) => streak.failed(message));
    expect(reasons.slice(0, 7)).toEqual(Array(7).fill(undefined));
    expect(reasons[8 - 1]).toBeUndefined();
    expect(streak.failed('j')).toBe('10 trials in a row failed, so the search stopped; the last one: j');
  });
});
