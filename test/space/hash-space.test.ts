import { describe, expect, it } from 'vitest';
import { hashSpace } from '../../src/space/hash-space.js';

describe('hashSpace', () => {
  it('is the SHA-256 of the canonical JSON', () => {
    // printf '%s' '{"params":{"lr":{"high":0.1,"log":true,"low":0.001,"type":"float"}}}' | sha256sum
    expect(hashSpace({ params: { lr: { type: 'float', low: 0.001, high: 0.1, log: true } } })).toBe(
      '5abbd1f63e277abfe7ec72ff5c40bab9e383626ab774481e16ead92732d94f6a',
    );
  });

  it('does not depend on key order but does on every value and on array order', () => {
    const space = { name: 's', params: { a: { type: 'categorical', choices: ['x', 'y'] }, b: { type: 'int', low: 1, high: 3 } } };
    const reordered = { params: { b: { high: 3, low: 1, type: 'int' }, a: { choices: ['x', 'y'], type: 'categorical' } }, name: 's' };
    expect(hashSpace(reordered)).toBe(hashSpace(space));
    expect(hashSpace({ ...space, name: 't' })).not.toBe(hashSpace(space));
    expect(hashSpace({ ...space, params: { ...space.params, a: { type: 'categorical', choices: ['y', 'x'] } } })).not.toBe(hashSpace(space));
  });
});
