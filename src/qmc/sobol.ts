import { createRng, type Rng } from '../random/rng.js';
import { JOE_KUO_DIRECTION_NUMBERS, MAX_SOBOL_DIMENSION } from './joe-kuo-direction-numbers.js';

/** Digits per coordinate: points are multiples of 2⁻³², and at most 2³² of them exist. */
const BITS = 32;
const TWO_POW_32 = 2 ** 32;

export interface SobolOptions {
  /** Seed of the scrambling (default 0). */
  seed?: number;
  /** Randomize by linear matrix scrambling plus a digital shift (default true); false gives the plain sequence. */
  scramble?: boolean;
}

export interface SobolSequence {
  /** The next point, d coordinates in [0, 1). The first point of the plain sequence is the origin. */
  next(): Float64Array;
  /** The next `count` points, count x d, row-major. */
  take(count: number): Float64Array;
}

/**
 * A Sobol' low-discrepancy sequence in [0, 1)^d (Sobol' 1967) with Joe & Kuo's direction numbers
 * (new-joe-kuo-6.21201), generated in Gray-code order (Antonov & Saleev 1979): point n+1 is point n XOR one
 * direction number, so each point costs O(d). Any prefix of 2^k points is a (t, k, d)-net: in every
 * coordinate the first 2^k points fill the 2^k intervals [j/2^k, (j+1)/2^k) once each.
 *
 * With `scramble` (the default) the generator matrices are multiplied by random lower-triangular binary
 * matrices with unit diagonal and the points XORed with a random digital shift — Matoušek's linear matrix
 * scrambling (J. Complexity 14, 1998) with the digital shift, the affine variant of Owen's scrambling
 * ("Scrambling Sobol' and Niederreiter–Xing points", J. Complexity 14, 1998) that SciPy's qmc.Sobol also
 * uses. Both keep the net property and make each point uniform on [0, 1)^d; the seed fixes the randomization.
 *
 * Cost: O(32² d) to set up, O(d) per point.
 *
 * @param d dimension, 1 … 1024.
 */
export function createSobolSequence(d: number, options: SobolOptions = {}): SobolSequence {
  if (!Number.isInteger(d) || d < 1 || d > MAX_SOBOL_DIMENSION) {
    throw new RangeError(`Sobol dimension must be an integer in 1..${MAX_SOBOL_DIMENSION}, got ${d}`);
  }
  const scramble = options.scramble ?? true;
  const rng = createRng(options.seed ?? 0);
  // directions[j * BITS + k]: the k-th direction number of dimension j, as a 32-bit binary fraction.
  const directions = new Uint32Array(d * BITS);
  const state = new Uint32Array(d);
  for (let j = 0; j < d; j++) {
    const column = directionNumbers(j);
    if (scramble) linearMatrixScramble(column, rng);
    directions.set(column, j * BITS);
    state[j] = scramble ? randomWord(rng) : 0;
  }
  let index = 0;

  const writeNext = (target: Float64Array, offset: number): void => {
    if (index >= TWO_POW_32) throw new RangeError('Sobol sequence exhausted: 2^32 points drawn');
    for (let j = 0; j < d; j++) target[offset + j] = state[j] / TWO_POW_32;
    if (index + 1 < TWO_POW_32) {
      // Gray code: the next point flips the direction number of the lowest zero bit of the index.
      const bit = lowestZeroBit(index);
      for (let j = 0; j < d; j++) state[j] ^= directions[j * BITS + bit];
    }
    index++;
  };

  return {
    next() {
      const point = new Float64Array(d);
      writeNext(point, 0);
      return point;
    },
    take(count: number) {
      if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a non-negative integer, got ${count}`);
      const points = new Float64Array(count * d);
      for (let i = 0; i < count; i++) writeNext(points, i * d);
      return points;
    },
  };
}

/**
 * The 32 direction numbers V_k = m_k·2^(32−k) of dimension j (0-based), from Joe & Kuo's recurrence
 * m_k = 2a₁m_{k−1} ⊕ 4a₂m_{k−2} ⊕ … ⊕ 2^(s−1)a_{s−1}m_{k−s+1} ⊕ 2^s m_{k−s} ⊕ m_{k−s}, which on V reads
 * V_k = a₁V_{k−1} ⊕ … ⊕ a_{s−1}V_{k−s+1} ⊕ V_{k−s} ⊕ (V_{k−s} >> s).
 */
function directionNumbers(j: number): Uint32Array {
  const v = new Uint32Array(BITS);
  if (j === 0) {
    for (let k = 0; k < BITS; k++) v[k] = 2 ** (BITS - 1 - k);
    return v;
  }
  const [degree, coefficients, ...initial] = JOE_KUO_DIRECTION_NUMBERS[j - 1];
  for (let k = 0; k < BITS; k++) {
    if (k < degree) {
      v[k] = initial[k] * 2 ** (BITS - 1 - k);
      continue;
    }
    let value = v[k - degree] ^ (v[k - degree] >>> degree);
    for (let i = 1; i < degree; i++) if ((coefficients >>> (degree - 1 - i)) & 1) value ^= v[k - i];
    v[k] = value >>> 0;
  }
  return v;
}

/**
 * Replaces each direction number V by L·V, where L is a random 32 x 32 lower-triangular binary matrix with unit
 * diagonal acting on V's binary digits (most significant first): output digit p is the parity of the digits
 * q ≤ p selected by row p of L.
 */
function linearMatrixScramble(column: Uint32Array, rng: Rng): void {
  const rows = new Uint32Array(BITS);
  for (let p = 0; p < BITS; p++) {
    const diagonal = 2 ** (BITS - 1 - p);
    const moreSignificant = p === 0 ? 0 : (0xffffffff << (BITS - p)) >>> 0;
    rows[p] = ((randomWord(rng) & moreSignificant) | diagonal) >>> 0;
  }
  for (let k = 0; k < BITS; k++) {
    let scrambled = 0;
    for (let p = 0; p < BITS; p++) if (parity(rows[p] & column[k])) scrambled |= 2 ** (BITS - 1 - p);
    column[k] = scrambled >>> 0;
  }
}

function randomWord(rng: Rng): number {
  return rng.int(TWO_POW_32) >>> 0;
}

function parity(word: number): number {
  let x = word >>> 0;
  x ^= x >>> 16;
  x ^= x >>> 8;
  x ^= x >>> 4;
  x ^= x >>> 2;
  x ^= x >>> 1;
  return x & 1;
}

/** Position of the lowest zero bit of a non-negative integer below 2^32 − 1. */
function lowestZeroBit(value: number): number {
  const lowBits = value % TWO_POW_32;
  const isolated = (~lowBits & (lowBits + 1)) >>> 0; // the lowest zero bit of value, alone
  return 31 - Math.clz32(isolated);
}
