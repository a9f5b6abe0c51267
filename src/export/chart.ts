import type { TopLevelSpec } from 'vega-lite';
import { STOPPING_RULE_KEY } from '../stopping/recipe-keys.js';
import { isEvaluated, type FrontReport } from './front-report.js';

/** Status a trial has on the plot; a diverged trial is never on the front (see buildFrontReport). */
export type PlotStatus = 'Pareto front' | 'dominated' | 'diverged';

/** One plotted trial: what the Vega-Lite spec reads. Error-bar ends are clipped to the axes' domains. */
export interface PlotPoint {
  number: number;
  label: string;
  status: PlotStatus;
  rule: string;
  tokens: number;
  tokensLow: number;
  tokensHigh: number;
  em: number;
  emLow: number;
  emHigh: number;
  /** The recipe's figures confirmed on the test part (null until confirmed). */
  confirmedTokens: number | null;
  confirmedEm: number | null;
}

const STATUS_ORDER: PlotStatus[] = ['Pareto front', 'dominated', 'diverged'];
// Orange against blue reads under the common colour-vision deficiencies; grey recedes for diverged runs.
const STATUS_COLORS = ['#e66100', '#5d8cc0', '#9a9a9a'];
const X_TITLE = 'Tokens used per run (mean over folds, log scale)';
const Y_TITLE = 'Exact match: cross-validated on held-out folds (●), confirmed on the test part (◇)';
const WIDTH = 640;
const HEIGHT = 400;

/**
 * The points of the plot: complete trials with finite tokens and EM, error-bar ends at ±1 SE. On the log token
 * axis the lower end is kept positive (at least 1/1000 of the mean); EM ends are clipped to [0, 1].
 */
export function plotPoints(report: FrontReport): PlotPoint[] {
  return report.trials.filter(isEvaluated).map((row) => {
    const tokens = row.tokens.mean;
    const tokensSe = Number.isFinite(row.tokens.se) ? row.tokens.se : 0;
    const emSe = Number.isFinite(row.em.se) ? row.em.se : 0;
    const rule = row.params[STOPPING_RULE_KEY];
    return {
      number: row.number,
      label: `#${row.number}`,
      status: row.onFront ? 'Pareto front' : row.diverged ? 'diverged' : 'dominated',
      rule: rule === undefined ? 'none' : String(rule),
      tokens,
      tokensLow: Math.max(tokens - tokensSe, tokens / 1000),
      tokensHigh: tokens + tokensSe,
      em: row.em.mean,
      emLow: Math.max(0, row.em.mean - emSe),
      emHigh: Math.min(1, row.em.mean + emSe),
      confirmedTokens: row.confirmed?.tokens.mean ?? null,
      confirmedEm: row.confirmed?.em.mean ?? null,
    };
  });
}

/**
 * A Vega-Lite spec of the front: every complete trial as a point (colour: front / dominated / diverged, shape:
 * stopping rule), ±1 SE bars in both directions, the front joined as a step line (the region it dominates), front
 * points labelled with their trial number, tokens on a log axis. Pure.
 */
export function frontChartSpec(report: FrontReport): TopLevelSpec {
  const points = plotPoints(report);
  const frontCount = points.filter((p) => p.status === 'Pareto front').length;
  const pruned = report.trials.filter((t) => t.state === 'pruned').length;
  const failed = report.trials.filter((t) => t.state === 'failed').length;
  const unfinished = report.trials.filter((t) => t.state === 'running' || t.state === 'stale').length;
  const subtitle = [
    `${points.length} complete trial${points.length === 1 ? '' : 's'}, ${frontCount} on the Pareto front (line)`,
    ...(pruned > 0 ? [`${pruned} pruned by fold racing`] : []),
    ...(failed > 0 ? [`${failed} failed`] : []),
    ...(unfinished > 0 ? [`${unfinished} unfinished`] : []),
    'bars: ±1 standard error over folds',
    ...(points.some((p) => p.confirmedEm !== null) ? ['◇ confirmed on the test part (retrained on the search part), dashed to its cross-validated point'] : []),
  ].join(' · ');
  const title = { text: `${report.study.name}: tokens vs exact match`, subtitle, anchor: 'start' as const, fontSize: 16 };
  if (points.length === 0) {
    return {
      title,
      width: WIDTH,
      height: HEIGHT,
      background: 'white',
      data: { values: [{ message: 'No complete trials yet' }] },
      mark: { type: 'text', fontSize: 14, color: '#555' },
      encoding: { text: { field: 'message', type: 'nominal' } },
    };
  }
  const ticks = logTickValues(Math.min(...points.map((p) => p.tokensLow)), Math.max(...points.map((p) => p.tokensHigh)));
  const x = (field: keyof PlotPoint) =>
    ({
      field,
      type: 'quantitative',
      scale: { type: 'log', nice: false, padding: 16 },
      axis: { title: X_TITLE, format: '~s', labelFlush: true, ...(ticks ? { values: ticks } : {}) },
    }) as const;
  const y = (field: keyof PlotPoint) =>
    ({ field, type: 'quantitative', scale: { zero: false, nice: true }, axis: { title: Y_TITLE, format: '.0%' } }) as const;
  // Every layer states the same colour encoding, so Vega-Lite merges them into one scale and one legend.
  const color = {
    field: 'status',
    type: 'nominal',
    scale: { domain: STATUS_ORDER, range: STATUS_COLORS },
    legend: { title: 'Trial', orient: 'right' },
  } as const;
  const isFront = { filter: "datum.status === 'Pareto front'" };
  const isConfirmed = { filter: 'datum.confirmedEm !== null' };
  return {
    title,
    width: WIDTH,
    height: HEIGHT,
    background: 'white',
    padding: 12,
    data: { values: points },
    layer: [
      {
        mark: { type: 'rule', strokeWidth: 1.5, opacity: 0.6 },
        encoding: { x: x('tokensLow'), x2: { field: 'tokensHigh' }, y: y('em'), color },
      },
      {
        mark: { type: 'rule', strokeWidth: 1.5, opacity: 0.6 },
        encoding: { x: x('tokens'), y: y('emLow'), y2: { field: 'emHigh' }, color },
      },
      {
        transform: [isFront],
        mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2, color: STATUS_COLORS[0] },
        encoding: { x: x('tokens'), y: y('em'), order: { field: 'tokens', type: 'quantitative' } },
      },
      {
        name: 'trials',
        mark: { type: 'point', filled: true, size: 80, opacity: 0.95, stroke: 'white', strokeWidth: 0.5 },
        encoding: {
          x: x('tokens'),
          y: y('em'),
          color,
          shape: { field: 'rule', type: 'nominal', legend: { title: 'Stopping rule', orient: 'right' } },
        },
      },
      {
        transform: [isConfirmed],
        mark: { type: 'rule', strokeDash: [3, 3], strokeWidth: 1, color: '#333' },
        encoding: { x: x('tokens'), x2: { field: 'confirmedTokens' }, y: y('em'), y2: { field: 'confirmedEm' } },
      },
      {
        transform: [isConfirmed],
        mark: { type: 'point', shape: 'diamond', filled: false, size: 90, strokeWidth: 1.5, color: '#222' },
        encoding: { x: x('confirmedTokens'), y: y('confirmedEm') },
      },
      {
        transform: [isFront],
        mark: { type: 'text', align: 'left', dx: 7, dy: -7, fontSize: 10, color: '#333' },
        encoding: { x: x('tokens'), y: y('em'), text: { field: 'label', type: 'nominal' } },
      },
    ],
    config: { axis: { titleFontSize: 12, labelFontSize: 11, gridColor: '#e6e6e6' }, legend: { titleFontSize: 11 } },
  };
}

/**
 * Tick values 1, 2, 5 × 10^k inside [low, high] for the log token axis — Vega's default log ticks label 8 of 9
 * minor ticks or drop labels that collide, which reads badly. Null (use Vega's) when fewer than 3 fall inside.
 */
export function logTickValues(low: number, high: number): number[] | null {
  if (!(low > 0) || !(high >= low)) return null;
  const values: number[] = [];
  for (let exponent = Math.floor(Math.log10(low)); exponent <= Math.ceil(Math.log10(high)); exponent++) {
    for (const mantissa of [1, 2, 5]) {
      const value = mantissa * 10 ** exponent;
      if (value >= low && value <= high) values.push(value);
    }
  }
  return values.length >= 3 ? values : null;
}
