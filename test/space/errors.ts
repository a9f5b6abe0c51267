import { expect } from 'vitest';
import { InputError } from '../../src/errors.js';

/** The InputError `action` throws (fails the test if it throws nothing or something else). */
export function inputErrorOf(action: () => unknown): InputError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).not.toMatch(/\n/);
    return error as InputError;
  }
  throw new Error('expected an InputError, but nothing was thrown');
}
