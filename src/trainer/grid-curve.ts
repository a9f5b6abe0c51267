import { InputError } from '../errors.js';
import type { CurvePoint } from '../stopping/types.js';
import { reachesMultiple } from './evaluation-schedule.js';
import type { GridCurve } from './results.js';

/** A grid curve with no points yet, for a run whose dev and held-out reads cost `devTokens` and `heldOutTokens`. */
export function emptyGridCurve(every: number, devTokens: number, heldOutTokens: number): GridCurve {
  return { every, devTokens, heldOutTokens, trainingTokens: [], devEm: [], devLoss: [], heldOutEm: [], measurementTokens: 0 };
}

/**
 * Checks a grid spacing against a recipe's evaluation spacing: `gridEvery` must be a positive integer and divide
 * `evalEvery`, so that every evaluation of the recipe falls on a grid point (reachesMultiple). Throws InputError
 * `SOURCE: …` naming both values otherwise.
 */
export function checkGridEvery(gridEvery: number, evalEvery: number, source: string): void {
  if (!Number.isInteger(gridEvery) || gridEvery < 1) {
    throw new InputError(`${source}: the curve grid spacing must be a positive integer of training tokens, got ${gridEvery}`);
  }
  if (evalEvery % gridEvery !== 0) {
    throw new InputError(
      `${source}: stopping.evalEvery (${evalEvery}) must be a multiple of the curve grid spacing (${gridEvery} training tokens), so that every dev evaluation falls on a grid point`,
    );
  }
}

/** The curve a run with this `evalEvery` would have recorded, and the grid point of each of its points. */
export interface CurveOnGrid {
  curve: CurvePoint[];
  /** gridIndex[j]: the grid point at which evaluation j happened. */
  gridIndex: number[];
}

/**
 * The dev curve that a run of the same job with spacing `evalEvery` (a multiple of grid.every) records: its
 * evaluations fall on the grid points that reach a new multiple of `evalEvery`, at the same weights (training does
 * not depend on evaluation), so their dev EM and loss are the grid's. Its tokens at evaluation j are the point's
 * training tokens plus j + 1 dev reads; it ends before the first evaluation whose tokens would exceed
 * `budgetTokens` (the run stops there, or earlier at a batch the grid does not see). A grid that ends earlier than
 * that run gives the curve's first part. Throws RangeError when `evalEvery` is not a multiple of grid.every.
 * Cost: O(grid points).
 */
export function recipeCurveOnGrid(grid: GridCurve, evalEvery: number, budgetTokens: number): CurveOnGrid {
  if (!Number.isInteger(evalEvery) || evalEvery < 1 || evalEvery % grid.every !== 0) {
    throw new RangeError(`recipeCurveOnGrid: evalEvery must be a positive multiple of the grid spacing ${grid.every}, got ${evalEvery}`);
  }
  const curve: CurvePoint[] = [];
  const gridIndex: number[] = [];
  let previous = 0;
  for (let i = 0; i < grid.trainingTokens.length; i++) {
    const trainingTokens = grid.trainingTokens[i];
    const evaluates = reachesMultiple(previous, trainingTokens, evalEvery);
    previous = trainingTokens;
    if (!evaluates) continue;
    const tokens = trainingTokens + (curve.length + 1) * grid.devTokens;
    if (tokens > budgetTokens) break;
    curve.push({ tokens, devEm: grid.devEm[i], devLoss: grid.devLoss[i] });
    gridIndex.push(i);
  }
  return { curve, gridIndex };
}
