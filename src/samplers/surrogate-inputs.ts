import type { GaussianProcess, ObservationOptions } from '../gp/index.js';
import type { CompiledSpace } from '../space/types.js';

/**
 * How the canonical points of a space (CompiledSpace.encode: categoricals at (index + ½)/c, inactive
 * conditional parameters held at a fixed coordinate) become the inputs of the GP surrogates.
 *
 * - categoricalKernel 'hamming': one input per categorical, Hamming distance (one length scale per parameter).
 *   'one-hot': one input per choice, valued 1/√2 for the chosen one and 0 for the others (all 0 while the
 *   parameter is inactive), as numeric inputs with a length scale each (one-hot ARD, as BoTorch's mixed models
 *   encode categoricals before a continuous kernel). With equal length scales two different choices are as far
 *   apart as under Hamming (two inputs differ by 1/√2); fitted apart, some choices can resemble each other more
 *   than others. The length-scale prior then counts the one-hot inputs in its dimension.
 * - conditionalEncoding 'imputed': an inactive numeric parameter is seen at its held coordinate (0.5), so an
 *   active value near the middle looks close to "inactive". 'arc': it is seen as inactive (NaN in the GP's
 *   inputs; see the arc embedding of src/gp/input-distances.ts). Inactive categoricals are held at a
 *   coordinate no choice takes, so under Hamming they already differ from every active choice by exactly one
 *   mismatch and not at all from each other — the arc behaviour — whichever encoding is chosen.
 *
 * Integers are inputs as they come: the centres of their cells on the normalized (or log) scale, so the GP
 * works on the integer grid (see src/space/param-scale.ts).
 */
export interface SurrogateInputPolicy {
  readonly categoricalKernel: 'hamming' | 'one-hot';
  readonly conditionalEncoding: 'imputed' | 'arc';
}

/**
 * Hamming and imputation, as measured on the mixed problems EarlyStopping and TokenBudget (benchmarks/problems)
 * and three smaller recipe-shaped ones of 7–8 parameters, seeds 0–4, median hypervolume in points of the
 * maximum. At 50 evaluations one-hot inputs against Hamming: −2.3 and −0.9 on EarlyStopping and TokenBudget,
 * −1.3, −0.1 and +0.1 on the others; the arc embedding against imputation: −6.7, −0.9, then −0.9, −0.9 and
 * +1.4. At 100 evaluations both stay within 0.3 points except one-hot on one small problem (−1.3) and the arc
 * on EarlyStopping and TokenBudget (−1.3, −0.8). With 50–100 observations the extra length scales of one-hot
 * inputs, and the arc's fixed geometry, cost more than they model.
 */
export const DEFAULT_SURROGATE_INPUTS: SurrogateInputPolicy = { categoricalKernel: 'hamming', conditionalEncoding: 'imputed' };

export interface SurrogateInputEncoding {
  /** Number of GP inputs. */
  readonly d: number;
  /** d flags: Hamming inputs. */
  readonly categorical: boolean[];
  /** d flags: inputs that are NaN where their parameter is inactive; undefined when there are none. */
  readonly conditional: boolean[] | undefined;
  /** True when the GP inputs are the canonical points themselves. */
  readonly identity: boolean;
  /** m canonical points (m x space.d, row-major) → m x d GP inputs; `points` itself when `identity`. */
  encode(points: Float64Array, m: number): Float64Array;
}

const ONE_HOT_VALUE = Math.SQRT1_2;

/** Input `column` of the GP reads the space's dim `source`, in the way `kind` says. */
interface Column {
  readonly source: number;
  readonly kind: 'copy' | 'arc' | 'one-hot';
  /** one-hot: the choice this column flags, and the number of choices. */
  readonly choice: number;
  readonly choices: number;
}

/**
 * The encoding of `space` under `policy`. Finding which parameters are active costs one decode of each point,
 * only when some column depends on it (a conditional parameter under 'arc', a conditional categorical under
 * 'one-hot'). Cost of encode: O(m·d), plus m decodes in that case.
 */
export function surrogateInputEncoding(space: CompiledSpace, policy: SurrogateInputPolicy): SurrogateInputEncoding {
  const columns: Column[] = [];
  let needsActivity = false;
  space.dimensions.forEach((dimension, source) => {
    const conditional = space.definition.params[dimension.name].when !== undefined;
    if (dimension.kind === 'categorical' && policy.categoricalKernel === 'one-hot') {
      const choices = dimension.choices!;
      for (let choice = 0; choice < choices; choice++) columns.push({ source, kind: 'one-hot', choice, choices });
      needsActivity ||= conditional;
    } else if (dimension.kind !== 'categorical' && conditional && policy.conditionalEncoding === 'arc') {
      columns.push({ source, kind: 'arc', choice: 0, choices: 0 });
      needsActivity = true;
    } else {
      columns.push({ source, kind: 'copy', choice: 0, choices: 0 });
    }
  });
  const spaceD = space.d;
  const d = columns.length;
  const identity = columns.every((column, i) => column.kind === 'copy' && column.source === i) && d === spaceD;
  const categorical = columns.map((column) => column.kind === 'copy' && space.categoricalMask[column.source]);
  const conditional = columns.some((column) => column.kind === 'arc') ? columns.map((column) => column.kind === 'arc') : undefined;
  const names = space.dimensions.map((dimension) => dimension.name);

  return {
    d,
    categorical,
    conditional,
    identity,
    encode(points: Float64Array, m: number): Float64Array {
      if (identity) return points;
      const out = new Float64Array(m * d);
      const active = new Uint8Array(spaceD).fill(1);
      for (let r = 0; r < m; r++) {
        const row = points.subarray(r * spaceD, (r + 1) * spaceD);
        if (needsActivity) {
          const params = space.decode(row);
          for (let j = 0; j < spaceD; j++) active[j] = Object.hasOwn(params, names[j]) ? 1 : 0;
        }
        for (let i = 0; i < d; i++) {
          const { source, kind } = columns[i];
          const value = row[source];
          if (kind === 'copy') out[r * d + i] = value;
          else if (kind === 'arc') out[r * d + i] = active[source] ? value : Number.NaN;
          else {
            const { choice, choices } = columns[i];
            const chosen = active[source] === 1 && Math.min(Math.floor(value * choices), choices - 1) === choice;
            out[r * d + i] = chosen ? ONE_HOT_VALUE : 0;
          }
        }
      }
      return out;
    },
  };
}

/**
 * `model` (fitted on encoded inputs) as a GP over canonical points: predictions and added observations are
 * encoded first. The identity encoding returns `model` itself.
 */
export function overCanonicalPoints(model: GaussianProcess, encoding: SurrogateInputEncoding): GaussianProcess {
  if (encoding.identity) return model;
  return {
    hyperparameters: model.hyperparameters,
    logMarginalLikelihood: model.logMarginalLikelihood,
    predict: (xq, m) => model.predict(encoding.encode(xq, m), m),
    withObservations: (x: Float64Array, y: Float64Array, m: number, options?: ObservationOptions) =>
      overCanonicalPoints(model.withObservations(encoding.encode(x, m), y, m, options), encoding),
  };
}
