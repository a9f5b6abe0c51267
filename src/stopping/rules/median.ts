import { formatNumber } from '../format-number.js';
import { higherIsBetter, METRIC_PARAMETER, metricLabel, type DevMetric } from '../metric.js';
import type { ParametersOf, RuleDefinition, RuleParameter } from '../rule-definition.js';
import type { CurvePoint, LearningCurve } from '../types.js';

const PARAMETERS = [
  { name: 'minPeers', type: 'int', default: 3, min: 1, doc: 'peer curves needed before the rule may stop a run' },
  METRIC_PARAMETER,
] as const satisfies readonly RuleParameter[];

export type MedianParameters = ParametersOf<typeof PARAMETERS>;

/**
 * Vizier's median stopping rule (Golovin et al., "Google Vizier: A Service for Black-Box Optimization", KDD 2017,
 * §3.2, automated early stopping): stop a pending trial at step s if its best objective value by step s is strictly
 * worse than the median of the running averages of the completed trials' objectives reported up to step s.
 *
 * What is implemented, exactly. The run's evaluations are at tokens t_1 < … < t_s (its curve so far). Each peer curve
 * (another run on the same fold, passed in `context.peers`) is read at those same tokens: linearly interpolated
 * between its own evaluations, and held at its last value after its last evaluation (a stopped peer keeps the value
 * it ended with). A grid point before a peer's first evaluation is skipped for that peer, and a peer with no
 * evaluation at or before t_s does not count at all. A peer's running average is the mean of its values over the
 * grid points it covers; the run stops when its best value by t_s is strictly worse than the median of those
 * averages. With fewer than `minPeers` counted peers the rule abstains (continues). Values are compared with
 * higher-is-better orientation (dev loss negated). Cost: O(P · (s + m)) for P peers of m points each.
 */
export const medianRule: RuleDefinition<'median', MedianParameters> = {
  name: 'median',
  summary: "stop when the best dev EM so far is below the median of peers' running averages (Vizier)",
  reference: 'Golovin et al. 2017, "Google Vizier", §3.2 (automated early stopping), median stopping rule',
  parameters: PARAMETERS,
  evaluate({ minPeers, metric }, curve, context) {
    const grid = curve.map((p) => p.tokens);
    const averages: number[] = [];
    for (const peer of context.peers ?? []) {
      const average = peerRunningAverage(peer, grid, metric);
      if (average !== null) averages.push(average);
    }
    if (averages.length < minPeers) return { stop: false };
    const median = medianOf(averages);
    let best = -Infinity;
    for (const point of curve) {
      const value = higherIsBetter(point, metric);
      if (value > best) best = value;
    }
    if (!(best < median)) return { stop: false };
    const sign = metric === 'devEm' ? 1 : -1;
    return {
      stop: true,
      reason:
        `best ${metricLabel(metric)} ${formatNumber(sign * best)} worse than the median ${formatNumber(sign * median)} ` +
        `of ${averages.length} peers' running averages`,
    };
  },
};

/**
 * Mean of the peer's metric (higher-is-better orientation) over the grid tokens it covers, or null if it covers none
 * or holds non-finite values there. `grid` is ascending; `peer` must be in ascending tokens.
 */
export function peerRunningAverage(peer: LearningCurve, grid: readonly number[], metric: DevMetric): number | null {
  if (peer.length === 0) return null;
  let sum = 0;
  let count = 0;
  let segment = 0;
  for (const tokens of grid) {
    if (tokens < peer[0].tokens) continue;
    while (segment + 1 < peer.length && peer[segment + 1].tokens <= tokens) segment++;
    const value = interpolate(peer[segment], peer[segment + 1], tokens, metric);
    if (!Number.isFinite(value)) return null;
    sum += value;
    count++;
  }
  return count === 0 ? null : sum / count;
}

function interpolate(left: CurvePoint, right: CurvePoint | undefined, tokens: number, metric: DevMetric): number {
  const a = higherIsBetter(left, metric);
  if (right === undefined || right.tokens === left.tokens || tokens <= left.tokens) return a;
  const b = higherIsBetter(right, metric);
  const weight = (tokens - left.tokens) / (right.tokens - left.tokens);
  return a + weight * (b - a);
}

/** Median of a non-empty list (mean of the two middle values for an even count). */
function medianOf(values: readonly number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
