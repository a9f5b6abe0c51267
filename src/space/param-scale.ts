import type { ParamSpec, ParamValue } from './types.js';

/** How one parameter maps to and from its coordinate of the unit cube. */
export interface ParamScale {
  /** u in [0,1] (clamped) → a value in the parameter's domain. */
  decode(u: number): ParamValue;
  /** A value of the domain → its canonical coordinate; decode(encode(v)) = v. */
  encode(value: ParamValue): number;
  /** The coordinate an inactive parameter is held at (the GP sees a constant there). */
  readonly inactiveCoordinate: number;
}

/**
 * The scale of one validated parameter spec. Cost of each call: O(1), or O(c) for encoding a categorical.
 *
 * Integers are spread over [low − ½, high + ½] (in log space if `log`) and rounded, so that every integer gets
 * a cell of its own — of equal width on a linear scale, of equal log-width on a log scale — and encode puts an
 * integer at the centre of its cell. This is Optuna's `_SearchSpaceTransform` with `transform_step=True`
 * (optuna/_transform.py), which widens int bounds by half a step before taking logs.
 */
export function scaleOf(spec: ParamSpec): ParamScale {
  switch (spec.type) {
    case 'float':
      return spec.log ? logFloatScale(spec.low, spec.high) : linearFloatScale(spec.low, spec.high);
    case 'int':
      return spec.log ? logIntScale(spec.low, spec.high) : linearIntScale(spec.low, spec.high);
    case 'categorical':
      return categoricalScale(spec.choices);
  }
}

/** u clamped to [0,1]; NaN is a caller's bug, not a point of the cube. */
export function clampUnit(u: number): number {
  if (Number.isNaN(u)) throw new RangeError('a unit-cube coordinate is NaN');
  return u < 0 ? 0 : u > 1 ? 1 : u;
}

function clamp(value: number, low: number, high: number): number {
  return value < low ? low : value > high ? high : value;
}

/**
 * Decoded floats keep 12 significant digits. exp(log(x)) rarely gives x back bit for bit (0.005 comes back as
 * 0.005000000000000002), so without this a recipe a user typed in would not survive encode → decode. Rounding
 * to 12 digits makes decode(encode(x)) = x for every x of at most 12 significant digits — including every
 * decoded value — while moving values by at most 5e-13 relative, far below any meaningful hyperparameter step.
 */
const SIGNIFICANT_DIGITS = 12;

function decodeFloat(u: number, low: number, high: number, inside: (u: number) => number): number {
  if (u === 0) return low;
  if (u === 1) return high;
  return clamp(Number(inside(u).toPrecision(SIGNIFICANT_DIGITS)), low, high);
}

function linearFloatScale(low: number, high: number): ParamScale {
  const width = high - low;
  return {
    decode: (u) => decodeFloat(clampUnit(u), low, high, (v) => low + v * width),
    encode: (value) => clamp(((value as number) - low) / width, 0, 1),
    inactiveCoordinate: 0.5,
  };
}

function logFloatScale(low: number, high: number): ParamScale {
  const logLow = Math.log(low);
  const logWidth = Math.log(high) - logLow;
  return {
    decode: (u) => decodeFloat(clampUnit(u), low, high, (v) => Math.exp(logLow + v * logWidth)),
    encode: (value) => clamp((Math.log(value as number) - logLow) / logWidth, 0, 1),
    inactiveCoordinate: 0.5,
  };
}

function linearIntScale(low: number, high: number): ParamScale {
  const cells = high - low + 1;
  return {
    decode: (u) => low + Math.min(Math.floor(clampUnit(u) * cells), cells - 1),
    encode: (value) => ((value as number) - low + 0.5) / cells,
    inactiveCoordinate: 0.5,
  };
}

function logIntScale(low: number, high: number): ParamScale {
  const logLow = Math.log(low - 0.5);
  const logWidth = Math.log(high + 0.5) - logLow;
  return {
    decode: (u) => clamp(Math.round(Math.exp(logLow + clampUnit(u) * logWidth)), low, high),
    // Centre of the cell [log(v − ½), log(v + ½)]; exp of it is sqrt(v² − ¼), which rounds back to v.
    encode: (value) => {
      const v = value as number;
      return ((Math.log(v - 0.5) + Math.log(v + 0.5)) / 2 - logLow) / logWidth;
    },
    inactiveCoordinate: 0.5,
  };
}

function categoricalScale(choices: readonly ParamValue[]): ParamScale {
  const count = choices.length;
  return {
    decode: (u) => choices[Math.min(Math.floor(clampUnit(u) * count), count - 1)],
    encode: (value) => {
      // indexOf uses ===, so 16 and "16" stay different choices and each keeps its type.
      const index = choices.indexOf(value);
      if (index < 0) throw new RangeError(`${JSON.stringify(value)} is not one of the choices`);
      return (index + 0.5) / count;
    },
    inactiveCoordinate: 0,
  };
}
