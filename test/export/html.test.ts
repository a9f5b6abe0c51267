import { describe, expect, it } from 'vitest';
import { buildFrontReport } from '../../src/export/front-report.js';
import { escapeHtml, toHtml } from '../../src/export/html.js';
import { makeStudy, makeTrials, sampleTrials } from './fixtures.js';

describe('toHtml', () => {
  it('inlines the SVG plot and tabulates the front, cheapest first, with ± SE', async () => {
    const html = await toHtml(buildFrontReport(makeStudy(), sampleTrials()));
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toMatch(/<figure>\s*<svg[^>]*role="img"/);
    expect(html).toContain('Tokens used per run (mean over folds, log scale)');
    const body = html.slice(html.indexOf('<tbody>'), html.indexOf('</tbody>'));
    const rows = body.match(/<tr>.*?<\/tr>/g) ?? [];
    expect(rows).toHaveLength(3);
    expect(rows[0]).toBe(
      '<tr><td>#1</td><td>patience(patience=3)</td><td>lr=0.010 bs=64</td>' +
        '<td class="num">80,000 ± 4,000</td><td class="num">60.0% ± 1.0</td>' +
        '<td class="num">not confirmed</td><td class="num">not confirmed</td></tr>',
    );
    expect(rows[1]).toContain('<td class="num">90.0% ± 1.0</td><td class="num">160,000 ± 3,200</td><td class="num">85.0% ± 2.0 (3 seeds)</td>');
    expect(html).toContain('EM on the test part (± SE), confirmed');
    expect(rows.map((row) => /<td>(#\d+)<\/td>/.exec(row)?.[1])).toEqual(['#1', '#2', '#4']);
  });

  it('counts the trials by state, pruned ones apart', async () => {
    expect(await toHtml(buildFrontReport(makeStudy(), sampleTrials()))).toContain('8 trials: 6 complete, 1 failed, 1 unfinished; 3 on the front.');
    const withPruned = makeTrials([{ values: [100, 0.5] }, { state: 'pruned', values: [10, 0.9] }, { state: 'pruned' }]);
    expect(await toHtml(buildFrontReport(makeStudy(), withPruned))).toContain('3 trials: 1 complete, 2 pruned by fold racing; 1 on the front.');
  });

  it('loads nothing from the network: no URL, external script, stylesheet or image', async () => {
    const html = await toHtml(buildFrontReport(makeStudy(), sampleTrials()));
    expect(html).not.toMatch(/https?:|\/\/[a-z]/i);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
  });

  it('escapes names from the study', async () => {
    const html = await toHtml(buildFrontReport(makeStudy({ name: '<b>&"x"' }), sampleTrials()));
    expect(html).not.toContain('<b>&');
    expect(html).toContain('&lt;b&gt;&amp;&quot;x&quot;');
    expect(escapeHtml(`<a href='x'>`)).toBe('&lt;a href=&#39;x&#39;&gt;');
  });
});
