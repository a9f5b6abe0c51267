import type { ObjectiveSpec } from '../space/types.js';

/** How an objective is modelled: as is, or through its logarithm (for positive, multiplicative quantities). */
export type ObjectiveTransform = 'identity' | 'log';

/**
 * Default transforms by objective name. Tokens span orders of magnitude across recipes and their noise grows
 * with them, so DESIGN.md models them in log space.
 */
export const DEFAULT_OBJECTIVE_TRANSFORMS: Readonly<Record<string, ObjectiveTransform>> = { tokens: 'log' };

/** The map from an objective's own values to the minimized scale the surrogate models. */
export interface ObjectiveScale {
  /** −1 for maximized objectives. */
  readonly sign: 1 | -1;
  readonly log: boolean;
}

/**
 * Scales for the objectives. A log transform is applied only if every observed value (and the reference
 * point's coordinate, if any) is positive; otherwise that objective is modelled as is. Cost O(n·m).
 *
 * @param observed n rows of m values.
 */
export function objectiveScales(
  objectives: readonly ObjectiveSpec[],
  transforms: Readonly<Record<string, ObjectiveTransform>>,
  observed: readonly (readonly number[])[],
  refPoint: readonly number[] | null,
): ObjectiveScale[] {
  return objectives.map((objective, j) => {
    const wantsLog = transforms[objective.name] === 'log';
    const positive = observed.every((row) => row[j] > 0) && (refPoint === null || refPoint[j] > 0);
    return { sign: objective.direction === 'maximize' ? -1 : 1, log: wantsLog && positive };
  });
}

/** A value on the minimized, modelled scale. */
export function toModelScale(value: number, scale: ObjectiveScale): number {
  return scale.sign * (scale.log ? Math.log(value) : value);
}

/** A standard error on the modelled scale; through the log by the delta method (se/value). */
export function standardErrorToModelScale(value: number, standardError: number, scale: ObjectiveScale): number {
  return scale.log ? standardError / value : standardError;
}
