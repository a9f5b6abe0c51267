import type { ParamValue } from '../space/types.js';
import type { FrontReport } from './front-report.js';

const FIXED_COLUMNS = [
  'number',
  'state',
  'on_front',
  'diverged',
  'tokens_mean',
  'tokens_se',
  'em_mean',
  'em_se',
  'confirmed_tokens_mean',
  'confirmed_tokens_se',
  'confirmed_test_em_mean',
  'confirmed_test_em_se',
  'confirmed_runs',
];

/**
 * One row per trial (creation order): number (the trial's `#number`), state, on_front, diverged, tokens and EM mean
 * and standard error (cross-validated: what the search chose by), the confirmed tokens and test-part EM with the
 * number of confirmation runs (empty until confirmed), then one column per parameter name seen in any trial
 * (sorted; a name that collides with a fixed column gets the
 * prefix `param:`). Empty cells for missing values. RFC 4180: CRLF line ends, fields holding a comma, quote, CR or
 * LF are quoted with quotes doubled. Numbers are written in full precision. Cost: O(trials × columns).
 */
export function toCsv(report: FrontReport): string {
  const paramNames = [...new Set(report.trials.flatMap((t) => Object.keys(t.params ?? {})))].sort();
  const header = [
    ...FIXED_COLUMNS,
    ...paramNames.map((name) => (FIXED_COLUMNS.includes(name) ? `param:${name}` : name)),
  ];
  const lines = [header.map(csvField).join(',')];
  for (const trial of report.trials) {
    const cells: (ParamValue | null | undefined)[] = [
      trial.number,
      trial.state,
      trial.onFront,
      trial.diverged,
      trial.tokens?.mean,
      trial.tokens?.se,
      trial.em?.mean,
      trial.em?.se,
      trial.confirmed?.tokens.mean,
      trial.confirmed?.tokens.se,
      trial.confirmed?.em.mean,
      trial.confirmed?.em.se,
      trial.confirmed?.runs,
      ...paramNames.map((name) => trial.params?.[name]),
    ];
    lines.push(cells.map((cell) => csvField(cell === null || cell === undefined ? '' : String(cell))).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** Quotes a field when RFC 4180 requires it. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
