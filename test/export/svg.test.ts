import { describe, expect, it } from 'vitest';
import { buildFrontReport } from '../../src/export/front-report.js';
import { toSvg } from '../../src/export/svg.js';
import { makeStudy, sampleTrials } from './fixtures.js';

/** The inner markup of the first `<g>` whose class list contains `name`. */
function group(svg: string, name: string): string {
  const match = new RegExp(`<g class="[^"]*\\b${name}\\b[^"]*"[^>]*>(.*?)</g>`, 's').exec(svg);
  if (!match) throw new Error(`no group ${name} in the SVG`);
  return match[1];
}

describe('toSvg', () => {
  it('renders a standalone SVG with title, axis titles, one mark per complete trial and the front highlighted', async () => {
    const report = buildFrontReport(makeStudy(), sampleTrials());
    const svg = await toSvg(report);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('default: tokens vs exact match');
    expect(svg).toContain('Tokens used per run (mean over folds, log scale)');
    expect(svg).toContain('Exact match: cross-validated on held-out folds (●), confirmed on the test part (◇)');
    const trialMarks = group(svg, 'trials_marks');
    expect(trialMarks.match(/<path/g)).toHaveLength(6);
    // Front points in the front colour, exactly three of them.
    expect(trialMarks.match(/fill="#e66100"/g)).toHaveLength(3);
    // The step line through the front: one path.
    expect(group(svg, 'mark-line').match(/<path/g)).toHaveLength(1);
    // Error bars: one rule per trial in each direction.
    expect(group(svg, 'layer_0_marks').match(/<line/g)).toHaveLength(6);
    expect(group(svg, 'layer_1_marks').match(/<line/g)).toHaveLength(6);
    expect(svg).toContain('>#4</text>');
    // The one confirmed recipe: a diamond at its test-part figures, dashed to its cross-validated point.
    expect(group(svg, 'layer_5_marks').match(/<path/g)).toHaveLength(1);
    expect(group(svg, 'layer_4_marks').match(/<line/g)).toHaveLength(1);
  });

  it('still renders a study with no complete trial', async () => {
    const svg = await toSvg(buildFrontReport(makeStudy(), []));
    expect(svg).toContain('No complete trials yet');
  });
});
