import { formatNumber } from '../format-number.js';
import { fitLogLogisticCurve } from '../log-logistic-fit.js';
import type { ParametersOf, RuleDefinition, RuleParameter } from '../rule-definition.js';
import { fitSaturatingCurve } from '../saturating-fit.js';
import type { LearningCurve } from '../types.js';

const PARAMETERS = [
  {
    name: 'model',
    type: 'choice',
    default: 'logistic',
    choices: ['logistic', 'exp3', 'pow3'],
    doc: 'curve family: logistic a / (1 + (t/m)^(−k)), exp3 a − b·exp(−c·x) or pow3 a − b·x^(−c), x = t / last t',
  },
  {
    name: 'minPoints',
    type: 'int',
    default: 6,
    min: 4,
    doc: 'dev evaluations needed before fitting (not counting a flat start)',
  },
  { name: 'fitWindow', type: 'int', default: 0, min: 0, doc: 'fit only the last this many evaluations (0: all)' },
  { name: 'margin', type: 'float', default: 0.01, min: 0, doc: 'smallest further dev EM gain worth the tokens' },
  { name: 'sigmas', type: 'float', default: 1, min: 0, doc: 'standard errors added to the prediction (optimism)' },
  { name: 'bound', type: 'float', default: 0, min: 0, max: 1, doc: 'stop if the optimistic prediction is below this EM' },
] as const satisfies readonly RuleParameter[];

export type ExtrapolateParameters = ParametersOf<typeof PARAMETERS>;

/**
 * Learning-curve extrapolation in the spirit of Domhan et al. (IJCAI 2015): fit a learning curve to dev EM against
 * tokens and predict dev EM at the token budget. The default family, `logistic` (log-logistic-fit.ts), can stay at 0
 * for several evaluations and then rise in an S shape, as these runs often do; exp3 and pow3 (saturating-fit.ts)
 * rise fastest at the start, cannot follow an S-shaped rise, and on such curves stop late or not at all (their misfit
 * widens the SE). Domhan et al. stop when P(final > best seen) is small under an MCMC posterior over 11 families;
 * here the optimistic prediction
 *   upper = prediction(budget) + sigmas · SE(prediction)          (delta-method SE of one least-squares fit)
 * clipped to [0, 1] stands in for it. The run stops when
 *   upper ≤ best dev EM so far + margin   (the rest of the budget cannot buy more than `margin`), or
 *   upper < bound                          (the run cannot reach `bound`; bound 0 disables this test).
 * Fits the last `fitWindow` points (0: all) that follow a flat lead-in (see `takeOffIndex`), and waits for
 * `minPoints` of them; a curve that has never risen above its first value is not fitted, and a failed fit continues.
 * Cost: O(w · 120) for w fitted points with exp3/pow3, O(w · 550) with logistic (its grid has about 450 points).
 */
export const extrapolateRule: RuleDefinition<'extrapolate', ExtrapolateParameters> = {
  name: 'extrapolate',
  summary: 'stop when a learning-curve fit of dev EM predicts no gain > margin by the budget (or EM < bound)',
  reference: 'Domhan, Springenberg & Hutter 2015, learning-curve extrapolation (one family, least squares)',
  parameters: PARAMETERS,
  evaluate({ model, minPoints, fitWindow, margin, sigmas, bound }, curve, context) {
    const budget = context.budgetTokens;
    if (!(Number.isFinite(budget) && budget > 0)) {
      throw new RangeError(`extrapolate: context.budgetTokens must be a positive number, got ${budget}`);
    }
    const windowStart = fitWindow > 0 ? curve.length - fitWindow : 0;
    const points = curve.slice(Math.max(0, windowStart, takeOffIndex(curve)));
    if (points.length < minPoints) return { stop: false };
    const tokens = points.map((p) => p.tokens);
    const devEm = points.map((p) => p.devEm);
    const fit = model === 'logistic' ? fitLogLogisticCurve(tokens, devEm) : fitSaturatingCurve(tokens, devEm, model);
    if (fit === null) return { stop: false };
    const prediction = fit.predict(budget);
    const upper = clamp01(prediction + sigmas * fit.predictionSe(budget));
    if (Number.isNaN(upper)) return { stop: false };
    let best = -Infinity;
    for (const point of curve) if (point.devEm > best) best = point.devEm;
    const predicted = `predicted dev EM at ${formatNumber(budget)} tokens ${formatNumber(clamp01(prediction))}` +
      (sigmas > 0 ? ` (+${formatNumber(sigmas)} SE: ${formatNumber(upper)})` : '');
    if (upper <= best + margin) {
      return { stop: true, reason: `${predicted} ≤ best ${formatNumber(best)} + margin ${formatNumber(margin)}` };
    }
    if (upper < bound) return { stop: true, reason: `${predicted} < bound ${formatNumber(bound)}` };
    return { stop: false };
  },
};

/**
 * Index of the first evaluation the fit uses: after a flat lead-in (two or more evaluations at or below the curve's
 * first dev EM before it first rises above it), the first risen one; otherwise 0; `curve.length` (nothing to fit) while the
 * curve has never risen. A lead-in says only that learning had not started, not how the rise is shaped, and the
 * rise may begin anywhere between its last flat and its first risen evaluation: fitted with the lead-in, a
 * three-parameter curve bends into a step there and can predict a ceiling below EM already seen.
 */
function takeOffIndex(curve: LearningCurve): number {
  const first = curve[0].devEm;
  const rise = curve.findIndex((point) => point.devEm > first);
  if (rise === -1) return curve.length;
  return rise >= 2 ? rise : 0;
}

function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}
