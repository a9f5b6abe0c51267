import { InputError } from '../errors.js';
import type { GaussianProcess } from '../gp/index.js';
import { inferReferencePoint, paretoFrontIndices } from '../multiobjective/index.js';
import {
  canonicalCandidates,
  maximizeOverCandidates,
  confineToTrustRegion,
  perturbationCandidates,
  trustRegionCandidates,
  type BatchScore,
  type TrustRegion,
  type SearchDomain,
} from '../optim/index.js';
import { createSobolSequence } from '../qmc/index.js';
import type { Rng } from '../random/rng.js';
import type { CompiledSpace, Params } from '../space/types.js';
import { expectedImprovementScore, hypervolumeImprovementScore } from './acquisition-score.js';
import { drawFeasible } from './feasible.js';
import { temperedPosterior } from './tempered-posterior.js';
import {
  DEFAULT_OBJECTIVE_TRANSFORMS,
  objectiveScales,
  standardErrorToModelScale,
  toModelScale,
  type ObjectiveTransform,
} from './objective-scale.js';
import type { Sampler, StudySnapshot, TrialSnapshot } from './sampler.js';
import { SobolDesign, takenRecipeKeys } from './sobol.js';
import { canonicalKey, recipeKey, spaceDomain } from './space-domain.js';
import { DEFAULT_REFIT_POLICY, SurrogateCache, type RefitPolicy } from './surrogate-cache.js';
import {
  DEFAULT_SURROGATE_INPUTS,
  overCanonicalPoints,
  surrogateInputEncoding,
  type SurrogateInputEncoding,
  type SurrogateInputPolicy,
} from './surrogate-inputs.js';
import { DEFAULT_TRAINING_WINDOW, TrainingWindow, type TrainingWindowPolicy } from './training-window.js';

export interface GpEhviSamplerOptions {
  /** Seed of the quasi-random initial design (the study passes its own). */
  readonly seed?: number;
  /** Complete trials before the model takes over; default `defaultInitialTrials(d)`. */
  readonly initialTrials?: number;
  /** Per objective name; merged over DEFAULT_OBJECTIVE_TRANSFORMS (tokens in log space). */
  readonly transforms?: Readonly<Record<string, ObjectiveTransform>>;
  /**
   * EHVI tempering (two objectives): the acquisition sees each posterior standard deviation times this
   * (tempered-posterior.ts). 1 is plain EHVI; smaller values exploit the model's mean more, larger ones explore
   * more. Default DEFAULT_ACQUISITION_EFFORT.ehviSdScale (0.5); takes precedence over `effort.ehviSdScale`.
   * Also settable as `samplerOptions.ehviSdScale` in a search-space file and in `serve`'s `create`.
   */
  readonly ehviSdScale?: number;
  /** Acquisition optimizer effort; see DEFAULT_ACQUISITION_EFFORT. */
  readonly effort?: Partial<AcquisitionEffort>;
  readonly refit?: RefitPolicy;
  /** Which observations the models see in large studies; default DEFAULT_TRAINING_WINDOW. */
  readonly trainingWindow?: TrainingWindowPolicy;
  /** How categorical and conditional parameters enter the GPs; default DEFAULT_SURROGATE_INPUTS. */
  readonly surrogateInputs?: Partial<SurrogateInputPolicy>;
}

/** How hard the acquisition is maximized for one suggestion. */
export interface AcquisitionEffort {
  /** Sobol candidates screened (all counts here are scaled down for large n, see `workBudget`). */
  readonly sobolCandidates: number;
  /** Candidates perturbed from the current front's recipes. */
  readonly perturbedCandidates: number;
  /** Best candidates refined by local search. */
  readonly localStarts: number;
  /** Scored points per local search. */
  readonly localEvaluations: number;
  /**
   * The O(n²) posterior variance of each scored point dominates an ask once n is large, so the counts above are
   * scaled down to keep (scored points)·n² below this…
   */
  readonly workBudget: number;
  /** …but never below this many scored points per suggestion. */
  readonly minimumPoints: number;
  /**
   * The search is confined to boxes of this half side around the observed recipes (see
   * src/optim/trust-region.ts); 0.5 or more searches the whole space.
   */
  readonly trustRegionHalfWidth: number;
  /**
   * Two objectives: EHVI sees each posterior standard deviation times this (see tempered-posterior.ts);
   * 1 is plain EHVI, smaller exploits the mean more.
   */
  readonly ehviSdScale: number;
  /**
   * Spaces whose categoricals have at most this many combinations of values: each local start of the
   * acquisition search tries them all (src/optim/categorical-combinations.ts); 0 turns this off. On by default
   * (64): it makes the search cover every combination rather than those that sampling and perturbation happen
   * to draw, at a cost of at most 2 × 64 scores per local start (nothing on spaces without categoricals). On the
   * mixed problems of surrogate-inputs.ts (seeds 0–4) the benchmark could not tell it from sampling: median
   * hypervolume at 50 evaluations +0.8 points of the maximum on EarlyStopping, −1.4 on TokenBudget (the same
   * mean over the seeds), within 0.1 on the three others; at 100 evaluations 0.0 and +0.2.
   */
  readonly enumerateCategoricalsUpTo: number;
}

export const DEFAULT_ACQUISITION_EFFORT: AcquisitionEffort = {
  sobolCandidates: 1024,
  perturbedCandidates: 1024,
  localStarts: 4,
  localEvaluations: 240,
  workBudget: 8e6,
  minimumPoints: 400,
  trustRegionHalfWidth: 0.2,
  ehviSdScale: 0.5,
  enumerateCategoricalsUpTo: 64,
};

/** The initial design: enough points to fit per-input length scales, few enough to leave the model most of a small budget. */
export function defaultInitialTrials(d: number): number {
  return Math.max(5, Math.min(2 * d, 16));
}

/**
 * The default sampler: Gaussian-process Bayesian optimization (DESIGN.md "The optimizer").
 *
 * - First `initialTrials` trials: a scrambled Sobol design.
 * - Then one GP per objective on the canonical encoding of the complete trials' recipes, maximized objectives
 *   negated, `log`-transformed ones through the log, observation noise from the told standard errors.
 * - Two objectives: exact 2-D expected hypervolume improvement (EHVI) against the front of the complete
 *   trials and the study's reference point (else one inferred from the observations), computed with the
 *   posterior standard deviations halved to favour exploitation in a small budget (tempered-posterior.ts).
 *   One objective: expected improvement. More than two: ParEGO (Knowles, IEEE TEC 10(1), 2006) — a GP on an
 *   augmented Chebyshev scalarization with random weights drawn per ask, maximized by expected improvement
 *   (exact multi-objective EHVI beyond 2-D is not implemented).
 * - The models are conditioned as deterministic when no noise shows (and no standard errors were told), and
 *   their length scales are capped (see surrogate-cache.ts for both, and the measurements behind them).
 * - The acquisition is maximized near the data — within 0.2 box sides, per numeric coordinate, of some observed
 *   recipe (a trust region in the sense of TuRBO; see src/optim/trust-region.ts), where the GP does not
 *   extrapolate — over Sobol candidates in that region plus perturbations of the front's recipes, the best
 *   refined by a local search that respects int, categorical and conditional parameters and constraints.
 *   Recipes already evaluated, running or chosen are never proposed again.
 * - Integers are integers throughout: the GPs see each integer at the centre of its cell (the normalized, or
 *   log, integer grid), every candidate is snapped to its recipe before it is scored, and the local search moves
 *   an int to its neighbouring values (±1) and, for wide ranges, by ±step of the box side, always onto the grid.
 * - Categorical and conditional parameters enter the GPs as `surrogateInputs` says (surrogate-inputs.ts), and
 *   small categorical sets can be enumerated by the acquisition search (`effort.enumerateCategoricalsUpTo`).
 * - Batches and running trials: Kriging believer (Ginsbourger, Le Riche & Carraro 2010) — each pending or
 *   chosen recipe is added to the models at its posterior mean, which makes the next choice look elsewhere.
 * - Large studies: between two hyperparameter fits the models are extended by the new observations rather than
 *   refactored, hyperparameters are fitted on the most recent observations only (surrogate-cache.ts), and
 *   past 1,000 observations the models see the ones nearest the front (training-window.ts) — so the trust
 *   region, too, surrounds those.
 */
export function createGpEhviSampler(options: GpEhviSamplerOptions = {}): Sampler {
  const seed = options.seed ?? 0;
  const transforms = { ...DEFAULT_OBJECTIVE_TRANSFORMS, ...options.transforms };
  const effort: AcquisitionEffort = {
    ...DEFAULT_ACQUISITION_EFFORT,
    ...options.effort,
    ...(options.ehviSdScale === undefined ? {} : { ehviSdScale: options.ehviSdScale }),
  };
  if (!(effort.ehviSdScale > 0) || !Number.isFinite(effort.ehviSdScale)) {
    throw new InputError(`gp-ehvi: ehviSdScale must be a positive number (1 is plain EHVI), got ${effort.ehviSdScale}`);
  }
  const designs = new WeakMap<CompiledSpace, SobolDesign>();
  const caches = new WeakMap<CompiledSpace, SurrogateCache>();
  const windows = new WeakMap<CompiledSpace, TrainingWindow>();
  const encodings = new WeakMap<CompiledSpace, SurrogateInputEncoding>();
  const inputPolicy = { ...DEFAULT_SURROGATE_INPUTS, ...options.surrogateInputs };
  const perSpace = <T extends object>(map: WeakMap<CompiledSpace, T>, space: CompiledSpace, make: () => T): T => {
    let value = map.get(space);
    if (!value) {
      value = make();
      map.set(space, value);
    }
    return value;
  };

  return {
    name: 'gp-ehvi',
    suggest(snapshot: StudySnapshot, n: number, rng: Rng): Params[] {
      const space = snapshot.space;
      const complete = usableTrials(snapshot);
      const initial = Math.max(2, options.initialTrials ?? defaultInitialTrials(space.d));
      if (complete.length < initial || space.d === 0) {
        const design = perSpace(designs, space, () => new SobolDesign(space, seed));
        return design.recipesFrom(snapshot.trials.length, n, takenRecipeKeys(snapshot), (params) => recipeKey(space, params));
      }
      const cache = perSpace(caches, space, () => new SurrogateCache(options.refit ?? DEFAULT_REFIT_POLICY));
      const window = perSpace(windows, space, () => new TrainingWindow(options.trainingWindow ?? DEFAULT_TRAINING_WINDOW));
      const encoding = perSpace(encodings, space, () => surrogateInputEncoding(space, inputPolicy));
      return new ModelBasedSuggestion(snapshot, complete, transforms, effort, cache, window, encoding, rng).suggest(n);
    },
  };
}

/**
 * Complete and pruned trials with params and one finite value per objective. A pruned trial (raced out after some
 * of its folds) is modelled at the means of the folds it finished: what raced it dominates those means, so it never
 * joins the modelled front, and without it the model would keep proposing the region it was raced out of.
 */
function usableTrials(snapshot: StudySnapshot): TrialSnapshot[] {
  const m = snapshot.objectives.length;
  return snapshot.trials.filter(
    (trial) =>
      (trial.state === 'complete' || trial.state === 'pruned') &&
      trial.params !== null &&
      trial.values !== null &&
      trial.values.length === m &&
      trial.values.every(Number.isFinite),
  );
}

/** The state of one ask: fitted models, (fantasized) observations, what must not be proposed again. */
class ModelBasedSuggestion {
  private readonly space: CompiledSpace;
  private readonly domain: SearchDomain;
  private readonly d: number;
  private readonly objectiveCount: number;
  /** Canonical points of the observations, then of fantasies (pending and chosen recipes). */
  private readonly points: Float64Array[] = [];
  /** Rows on the modelled scale (per objective, or the scalarized value for ParEGO) aligned with `points`. */
  private readonly rows: number[][] = [];
  private readonly exclude = new Set<string>();
  private models: GaussianProcess[] = [];
  private readonly ref: [number, number] | null = null;

  constructor(
    snapshot: StudySnapshot,
    usable: readonly TrialSnapshot[],
    transforms: Readonly<Record<string, ObjectiveTransform>>,
    private readonly effort: AcquisitionEffort,
    cache: SurrogateCache,
    window: TrainingWindow,
    encoding: SurrogateInputEncoding,
    private readonly rng: Rng,
  ) {
    this.space = snapshot.space;
    this.domain = spaceDomain(this.space);
    this.d = this.space.d;
    this.objectiveCount = snapshot.objectives.length;
    for (const trial of snapshot.trials) {
      const key = trial.params ? recipeKey(this.space, trial.params) : null;
      if (key !== null) this.exclude.add(key);
    }

    const scales = objectiveScales(snapshot.objectives, transforms, usable.map((trial) => trial.values!), snapshot.refPoint);
    const usableModelled = usable.map((trial) => trial.values!.map((value, j) => toModelScale(value, scales[j])));
    // Large studies: the observations near the front (training-window.ts); all of them otherwise.
    const kept = window.select(usable.map((trial) => trial.id), usableModelled);
    const complete = kept.length === usable.length ? usable : kept.map((i) => usable[i]);
    const modelled = kept.length === usable.length ? usableModelled : kept.map((i) => usableModelled[i]);
    const n = complete.length;
    const x = new Float64Array(n * this.d);
    complete.forEach((trial, i) => {
      const point = this.space.encode(trial.params!);
      x.set(point, i * this.d);
      this.points.push(point);
    });
    // The GPs see the points through the input encoding (surrogate-inputs.ts) and are wrapped to take canonical points.
    const inputs = { x: encoding.encode(x, n), n, d: encoding.d, categorical: encoding.categorical, conditional: encoding.conditional };
    const fit = (key: string, y: Float64Array, noiseVariance?: Float64Array): GaussianProcess =>
      overCanonicalPoints(cache.fit(key, { ...inputs, y, noiseVariance }, rng), encoding);

    if (this.objectiveCount <= 2) {
      for (let j = 0; j < this.objectiveCount; j++) {
        const y = Float64Array.from(modelled, (row) => row[j]);
        const noiseVariance = noiseVariances(complete, j, (value, se) => standardErrorToModelScale(value, se, scales[j]));
        this.models.push(fit(`objective ${j}`, y, noiseVariance));
      }
      this.rows.push(...modelled);
      if (this.objectiveCount === 2) {
        // The study's reference point, else one inferred from the observations (the observed front's nadir
        // pushed out by 10 % of its range). Trying to widen a given point (to value improvements of a front
        // still outside the box) backfired: recipes at the edge of the space with one objective at its best
        // join the observed front whatever the other objective, and the widened box kept rewarding them.
        this.ref = snapshot.refPoint
          ? [toModelScale(snapshot.refPoint[0], scales[0]), toModelScale(snapshot.refPoint[1], scales[1])]
          : inferReferencePoint(Float64Array.from(modelled.flat()), n);
      }
    } else {
      const scalarized = augmentedChebyshev(modelled, rng);
      const y = Float64Array.from(scalarized);
      this.models.push(fit('parego', y));
      this.rows.push(...scalarized.map((value) => [value]));
    }

    const pending = snapshot.trials.filter((trial) => trial.state === 'running' && trial.params !== null);
    for (const trial of pending) {
      try {
        this.fantasize(this.space.encode(trial.params!));
      } catch {
        // A running trial whose recipe no longer fits the space (edited file): nothing to fantasize.
      }
    }
  }

  suggest(n: number): Params[] {
    const chosen: Params[] = [];
    for (let s = 0; s < n; s++) {
      const best = this.maximizeAcquisition();
      let params: Params;
      if (best) {
        params = this.space.decode(best);
      } else {
        // Every candidate is a recipe already evaluated (a small discrete space): repeat one at random.
        params = drawFeasible(this.space, () => Float64Array.from({ length: this.d }, () => this.rng.next()), 'gp-ehvi');
      }
      chosen.push(params);
      const point = this.space.encode(params);
      this.exclude.add(canonicalKey(point));
      if (s + 1 < n) this.fantasize(point);
    }
    return chosen;
  }

  /** Kriging believer: adds `point` to every model at its posterior mean. */
  private fantasize(point: Float64Array): void {
    const row: number[] = [];
    this.models = this.models.map((model) => {
      const mean = model.predict(point, 1).mean[0];
      row.push(mean);
      return model.withObservations(point, Float64Array.of(mean), 1);
    });
    this.points.push(point);
    this.rows.push(row);
  }

  private maximizeAcquisition(): Float64Array | null {
    const { score: acquisitionScore, anchors } = this.acquisition();
    // The search stays near the data: within trustRegionHalfWidth (per numeric coordinate) of some observed or
    // fantasized recipe.
    const region: TrustRegion | null =
      this.effort.trustRegionHalfWidth < 0.5
        ? { anchors: this.points, halfWidth: this.effort.trustRegionHalfWidth, kinds: this.domain.kinds }
        : null;
    const score = region ? confineToTrustRegion(acquisitionScore, region) : acquisitionScore;
    const n = this.points.length;
    // Keep (candidates + local search)·n² within the work budget: the posterior variance costs O(n²) a point.
    const planned = this.plannedEvaluations();
    const scale = Math.min(1, Math.max(this.effort.minimumPoints / planned, this.effort.workBudget / (Math.max(n, 1) ** 2 * planned)));
    const sobolCount = Math.round(this.effort.sobolCandidates * scale);
    const perturbedCount = anchors.length > 0 ? Math.round(this.effort.perturbedCandidates * scale) : 0;
    const localEvaluations = Math.round(this.effort.localEvaluations * scale);

    const sobol = createSobolSequence(this.d, { seed: Math.floor(this.rng.next() * 2 ** 31), scramble: true }).take(sobolCount);
    const spaceFilling = region ? trustRegionCandidates(region, sobol, sobolCount) : sobol;
    const anchorPoints = new Float64Array(anchors.length * this.d);
    anchors.forEach((point, i) => anchorPoints.set(point, i * this.d));
    const perturbed = perturbationCandidates(anchorPoints, anchors.length, this.d, perturbedCount, this.rng);
    const raw = new Float64Array((sobolCount + perturbedCount) * this.d);
    raw.set(spaceFilling);
    raw.set(perturbed, sobolCount * this.d);
    const candidates = canonicalCandidates(this.domain, raw, sobolCount + perturbedCount, this.exclude);
    const result = maximizeOverCandidates(this.domain, candidates, score, {
      localStarts: this.effort.localStarts,
      localSearch: { maxEvaluations: localEvaluations, exclude: this.exclude },
      enumerateCategoricalsUpTo: this.effort.enumerateCategoricalsUpTo,
    });
    return result ? result.best.point : null;
  }

  private plannedEvaluations(): number {
    const e = this.effort;
    return e.sobolCandidates + e.perturbedCandidates + e.localStarts * e.localEvaluations;
  }

  /**
   * The acquisition for the current (fantasized) data, and the recipes candidates are perturbed from: the
   * front's recipes inside the reference box (the whole front while none is) — or, for one objective, the five
   * best recipes.
   */
  private acquisition(): { score: BatchScore; anchors: Float64Array[] } {
    if (this.objectiveCount === 2) {
      const ref = this.ref!;
      const values = Float64Array.from(this.rows.flat());
      const frontIndices = paretoFrontIndices(values, this.rows.length, 2);
      const front = new Float64Array(frontIndices.length * 2);
      frontIndices.forEach((i, r) => front.set(this.rows[i], r * 2));
      const inside = frontIndices.filter((i) => this.rows[i][0] < ref[0] && this.rows[i][1] < ref[1]);
      return {
        score: hypervolumeImprovementScore(
          [temperedPosterior(this.models[0], this.effort.ehviSdScale), temperedPosterior(this.models[1], this.effort.ehviSdScale)],
          front,
          frontIndices.length,
          ref,
        ),
        anchors: (inside.length > 0 ? inside : frontIndices).map((i) => this.points[i]),
      };
    }
    // One objective, or ParEGO's scalarization: expected improvement on the single model.
    const order = Array.from(this.rows.keys()).sort((a, b) => this.rows[a][0] - this.rows[b][0]);
    const best = this.rows[order[0]][0];
    return {
      score: expectedImprovementScore(this.models[0], best),
      anchors: order.slice(0, 5).map((i) => this.points[i]),
    };
  }
}

/** Squared standard errors on the modelled scale for objective j, or undefined when none was told. */
function noiseVariances(
  trials: readonly TrialSnapshot[],
  j: number,
  toModel: (value: number, se: number) => number,
): Float64Array | undefined {
  if (!trials.some((trial) => trial.stderr && Number.isFinite(trial.stderr[j]) && trial.stderr[j] > 0)) return undefined;
  return Float64Array.from(trials, (trial) => {
    const se = trial.stderr?.[j];
    if (se === undefined || !Number.isFinite(se) || se <= 0) return 0;
    const modelled = toModel(trial.values![j], se);
    return modelled * modelled;
  });
}

/** ParEGO's ρ: the small linear term that makes the Chebyshev scalarization prefer strictly dominating points. */
const PAREGO_RHO = 0.05;

/**
 * Augmented Chebyshev scalarization of minimized rows (n rows of m values), each objective normalized to [0,1]
 * over the rows, with weights drawn uniformly from the simplex: max_j λ_j f_j + ρ Σ_j λ_j f_j (Knowles 2006).
 * Cost O(n·m).
 */
function augmentedChebyshev(rows: readonly number[][], rng: Rng): number[] {
  const m = rows[0].length;
  const weights = Array.from({ length: m }, () => -Math.log(1 - rng.next()));
  const total = weights.reduce((a, b) => a + b, 0);
  const lambda = weights.map((w) => w / total);
  const low = Array.from({ length: m }, (_, j) => Math.min(...rows.map((row) => row[j])));
  const high = Array.from({ length: m }, (_, j) => Math.max(...rows.map((row) => row[j])));
  return rows.map((row) => {
    let worst = Number.NEGATIVE_INFINITY;
    let sum = 0;
    for (let j = 0; j < m; j++) {
      const normalized = high[j] > low[j] ? (row[j] - low[j]) / (high[j] - low[j]) : 0;
      worst = Math.max(worst, lambda[j] * normalized);
      sum += lambda[j] * normalized;
    }
    return worst + PAREGO_RHO * sum;
  });
}
