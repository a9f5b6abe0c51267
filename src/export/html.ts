import { formatEmEstimate, formatTokensEstimate } from './format.js';
import type { FrontReport } from './front-report.js';
import { describeRecipe } from './recipe-text.js';
import { toSvg } from './svg.js';

/**
 * A self-contained HTML page (no script, stylesheet, font or image from the network): the study's facts, the front
 * plot as inline SVG, and a table of the recipes on the front (trial, stopping rule, hyperparameters, tokens ± SE,
 * EM ± SE), cheapest first.
 */
export async function toHtml(report: FrontReport): Promise<string> {
  // Inline SVG in HTML needs no namespace declarations; dropping them keeps the page free of any URL.
  const svg = (await toSvg(report)).replace(/^<svg([^>]*)>/, (_, attributes: string) =>
    `<svg${attributes.replace(/\s+xmlns(:\w+)?="[^"]*"/g, '')} role="img" aria-label="${escapeHtml(`${report.study.name}: tokens vs exact match`)}">`,
  );
  const { study } = report;
  const counts = countStates(report);
  const facts = [
    ...(study.task !== undefined ? [`task ${escapeHtml(JSON.stringify(study.task))}`] : []),
    `sampler ${escapeHtml(study.sampler)}, seed ${study.seed}`,
    `search space ${escapeHtml(study.spaceHash)}`,
    `created ${escapeHtml(study.createdAt)}`,
  ].join(' · ');
  const hypervolume =
    report.hypervolume !== null && report.refPoint !== null
      ? `Hypervolume ${report.hypervolume.toPrecision(4)} (tokens × EM, reference point ${Math.round(report.refPoint[0]).toLocaleString('en-US')} tokens, EM ${report.refPoint[1].toFixed(3)}).`
      : 'No hypervolume yet.';
  const rows = report.front
    .map((row) => {
      const recipe = describeRecipe(row.params);
      return [
        '<tr>',
        `<td>#${row.number}</td>`,
        `<td>${escapeHtml(recipe.stopping ?? 'none')}</td>`,
        `<td>${escapeHtml(recipe.hyperparameters)}</td>`,
        `<td class="num">${row.tokens ? escapeHtml(formatTokensEstimate(row.tokens)) : ''}</td>`,
        `<td class="num">${row.em ? escapeHtml(formatEmEstimate(row.em)) : ''}</td>`,
        `<td class="num">${row.confirmed ? escapeHtml(formatTokensEstimate(row.confirmed.tokens)) : 'not confirmed'}</td>`,
        `<td class="num">${row.confirmed ? escapeHtml(`${formatEmEstimate(row.confirmed.em)} (${row.confirmed.runs} seeds)`) : 'not confirmed'}</td>`,
        '</tr>',
      ].join('');
    })
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`stopwise: ${study.name} front`)}</title>
<style>
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 2rem; color: #222; max-width: 72rem; }
h1 { font-size: 1.5rem; margin-bottom: 0.2rem; }
.facts { color: #555; margin-top: 0; }
figure { margin: 1.5rem 0; }
table { border-collapse: collapse; }
th, td { padding: 0.4rem 0.8rem; border-bottom: 1px solid #ddd; text-align: left; vertical-align: top; }
th { border-bottom: 2px solid #999; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.note { color: #555; max-width: 48rem; }
</style>
</head>
<body>
<h1>Study “${escapeHtml(study.name)}”: the tokens–EM front</h1>
<p class="facts">${facts}</p>
<p class="facts">${counts} ${escapeHtml(hypervolume)}</p>
<figure>
${svg}
</figure>
<h2>Recipes on the front (cheapest first)</h2>
<table>
<thead><tr><th>Trial</th><th>Stopping rule</th><th>Hyperparameters</th><th class="num">Tokens per run (± SE), cross-validated</th><th class="num">EM (± SE), cross-validated</th><th class="num">Tokens per run (± SE), confirmed</th><th class="num">EM on the test part (± SE), confirmed</th></tr></thead>
<tbody>
${rows || '<tr><td colspan="7">No complete trials yet.</td></tr>'}
</tbody>
</table>
<p class="note">Each recipe was trained once per cross-validation fold; tokens and exact match (EM, on the held-out
fold) are means over folds with their standard errors. A recipe is on the front when no other complete trial is at
least as cheap and at least as accurate, and strictly better in one of the two. The search chose by these
cross-validated figures, so they are optimistic once many recipes were compared. The confirmed figures come from
retraining each front recipe on the whole search part over several seeds and measuring EM on a test part that the
search never saw: rely on those. Seed a production config from it with <code>stopwise seed --study ${escapeHtml(study.name)}</code>.</p>
</body>
</html>
`;
}

function countStates(report: FrontReport): string {
  const count = (state: string): number => report.trials.filter((t) => t.state === state).length;
  const parts = [`${report.trials.length} trials: ${count('complete')} complete`];
  if (count('pruned') > 0) parts.push(`${count('pruned')} pruned by fold racing`);
  if (count('failed') > 0) parts.push(`${count('failed')} failed`);
  const unfinished = count('running') + count('stale');
  if (unfinished > 0) parts.push(`${unfinished} unfinished`);
  return `${parts.join(', ')}; ${report.front.length} on the front.`;
}

/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
