import { choiceParam, formatNumber, numberParam, type RuleDefinition } from '../rule.js';
import { fitSaturatingCurve, type SaturatingModel } from '../saturating-fit.js';

/**
 * Learning-curve extrapolation in the spirit of Domhan et al. (IJCAI 2015): fit a saturating curve (exp3 or pow3,
 * see saturating-fit.ts) to dev EM against tokens and predict dev EM at the token budget. Domhan et al. stop when
 * P(final > best seen) is small under an MCMC posterior over 11 families; here the optimistic prediction
 *   upper = prediction(budget) + sigmas · SE(prediction)          (delta-method SE of one least-squares fit)
 * clipped to [0, 1] stands in for it. The run stops when
 *   upper ≤ best dev EM so far + margin   (the rest of the budget cannot buy more than `margin`), or
 *   upper < bound                          (the run cannot reach `bound`; bound 0 disables this test).
 * Fits the last `fitWindow` points (0: all) and waits for `minPoints` of them; a failed fit continues.
 * Cost: O(w · 120) for w fitted points.
 */
export const extrapolateRule: RuleDefinition = {
  name: 'extrapolate',
  summary: 'stop when a saturating fit of dev EM predicts no gain > margin by the budget (or EM < bound)',
  reference: 'Domhan, Springenberg & Hutter 2015, learning-curve extrapolation (one family, least squares)',
  parameters: [
    {
      name: 'model',
      type: 'choice',
      default: 'exp3',
      choices: ['exp3', 'pow3'],
      doc: 'curve family: exp3 a − b·exp(−c·x) or pow3 a − b·x^(−c), x = tokens / last tokens',
    },
    { name: 'minPoints', type: 'int', default: 6, min: 4, doc: 'dev evaluations needed before fitting' },
    { name: 'fitWindow', type: 'int', default: 0, min: 0, doc: 'fit only the last this many evaluations (0: all)' },
    { name: 'margin', type: 'float', default: 0.01, min: 0, doc: 'smallest further dev EM gain worth the tokens' },
    { name: 'sigmas', type: 'float', default: 1, min: 0, doc: 'standard errors added to the prediction (optimism)' },
    { name: 'bound', type: 'float', default: 0, min: 0, max: 1, doc: 'stop if the optimistic prediction is below this EM' },
  ],
  evaluate(params, curve, context) {
    const model = choiceParam<SaturatingModel>(params, 'model');
    const minPoints = numberParam(params, 'minPoints');
    const fitWindow = numberParam(params, 'fitWindow');
    const margin = numberParam(params, 'margin');
    const sigmas = numberParam(params, 'sigmas');
    const bound = numberParam(params, 'bound');
    const budget = context.budgetTokens;
    if (!(Number.isFinite(budget) && budget > 0)) {
      throw new RangeError(`extrapolate: context.budgetTokens must be a positive number, got ${budget}`);
    }
    const points = fitWindow > 0 && curve.length > fitWindow ? curve.slice(curve.length - fitWindow) : curve;
    if (points.length < minPoints) return { stop: false };
    const fit = fitSaturatingCurve(
      points.map((p) => p.tokens),
      points.map((p) => p.devEm),
      model,
    );
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

function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}
