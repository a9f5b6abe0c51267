import { createRng } from '../../src/random/rng.js';
import type { CurvePoint, LearningCurve } from '../../src/stopping/types.js';

/** A curve with dev EM values at tokens step, 2·step, …; dev loss 1 − EM unless given. */
export function emCurve(devEm: readonly number[], step = 1000, devLoss?: readonly number[]): CurvePoint[] {
  return devEm.map((em, i) => ({ tokens: step * (i + 1), devEm: em, devLoss: devLoss ? devLoss[i] : 1 - em }));
}

/** A curve with dev loss values at tokens step, 2·step, …; dev EM fixed at 0.5. */
export function lossCurve(devLoss: readonly number[], step = 1000): CurvePoint[] {
  return devLoss.map((loss, i) => ({ tokens: step * (i + 1), devEm: 0.5, devLoss: loss }));
}

/**
 * A noisy, roughly saturating random curve as a real run might record: n evaluations about `step` tokens apart,
 * dev EM rising towards a random asymptote with noise (sometimes falling late), dev loss falling then drifting.
 */
export function randomCurve(seed: number, n: number, step = 10_000): CurvePoint[] {
  const rng = createRng(seed);
  const asymptote = 0.3 + 0.7 * rng.next();
  const rate = 0.5 + 4 * rng.next();
  const noise = 0.005 + 0.03 * rng.next();
  const overfitFrom = rng.next() < 0.5 ? Math.floor(n * (0.4 + 0.5 * rng.next())) : n;
  const points: CurvePoint[] = [];
  let tokens = 0;
  for (let i = 0; i < n; i++) {
    tokens += Math.round(step * (0.8 + 0.4 * rng.next()));
    const progress = (i + 1) / n;
    const drift = i > overfitFrom ? -0.01 * (i - overfitFrom) : 0;
    const devEm = Math.min(1, Math.max(0, asymptote * (1 - Math.exp(-rate * progress)) + drift + noise * rng.normal()));
    // Dev EM often repeats exactly at coarse dev splits: quantize to 1/200 so ties occur.
    const quantized = Math.round(devEm * 200) / 200;
    const devLoss = 0.2 + 2 * Math.exp(-rate * progress) - 3 * drift + noise * rng.normal();
    points.push({ tokens, devEm: quantized, devLoss });
  }
  return points;
}

export function tokensOf(curve: LearningCurve): number[] {
  return curve.map((p) => p.tokens);
}

/**
 * A run that learns late, as small seq2seq models often do: dev EM exactly 0 for the first `flat` evaluations, then
 * a logistic rise in log tokens, 0.9 · σ(6 · ln(t / 700k)), quantized to 1/200 like a 200-example dev split. Dev loss
 * falls fast and flattens while EM is still 0, then falls again as EM rises. n evaluations 50k tokens apart; by
 * 2M tokens EM is within 0.005 of its ceiling.
 */
export function lateStartCurve(flat: number, n = 40): CurvePoint[] {
  return Array.from({ length: n }, (_, i) => {
    const tokens = 50_000 * (i + 1);
    const rise = 0.9 / (1 + Math.pow(tokens / 700_000, -6));
    const devEm = i < flat ? 0 : Math.round(rise * 200) / 200;
    const devLoss = 0.3 + 1.2 * Math.exp(-tokens / 40_000) + (1 - devEm / 0.9);
    return { tokens, devEm, devLoss };
  });
}
