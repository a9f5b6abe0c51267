import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { buildFrontReport, toHtml, toSvg } from '../../src/export/index.js';
import { makeStudy, makeTrials } from '../export/fixtures.js';
import { findChromium, inkCoverage, screenshot } from '../helpers/chromium.js';
import { cliRuns, timeoutFor } from '../helpers/timeouts.js';

/** One headless Chromium run (a process start, no training), which `screenshot` bounds itself. */
const BROWSER = timeoutFor(cliRuns(2));

const chromium = findChromium();
const dir = mkdtempSync(join(tmpdir(), 'stopwise-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const study = makeStudy({ name: 'render-check', meta: { task: { name: 'addition' } } });
const trials = makeTrials(
  [
    [200_000, 0.41],
    [350_000, 0.78],
    [600_000, 0.93],
    [900_000, 0.95],
    [1_400_000, 0.955],
    [500_000, 0.6],
    [1_100_000, 0.9],
  ].map(([tokens, em], i) => ({ values: [tokens, em] as [number, number], params: { 'stopping.rule': i % 2 ? 'patience' : 'none', learningRate: 0.001 * (i + 1) } })),
);

// CI installs Chromium (.ci/run); without it these tests must fail loudly rather than pass vacuously.
describe('exported plots render in headless Chromium', () => {
  it('finds Chromium', () => {
    expect(chromium, 'Debian chromium is required (apt-get install chromium)').not.toBeNull();
  });

  it('a blank page reads as blank (the check can fail)', { timeout: BROWSER }, () => {
    const blank = join(dir, 'blank.html');
    writeFileSync(blank, '<!doctype html><html><body style="background:#fff"></body></html>');
    expect(inkCoverage(screenshot(chromium!, pathToFileURL(blank).href))).toBeLessThan(0.001);
  });

  it('the SVG export draws a plot', { timeout: BROWSER }, async () => {
    const file = join(dir, 'front.svg');
    writeFileSync(file, await toSvg(buildFrontReport(study, trials)));
    const coverage = inkCoverage(screenshot(chromium!, pathToFileURL(file).href));
    expect(coverage).toBeGreaterThan(0.01);
    expect(coverage).toBeLessThan(0.6);
  });

  it('the HTML export draws the plot and the front table', { timeout: BROWSER }, async () => {
    const file = join(dir, 'front.html');
    writeFileSync(file, await toHtml(buildFrontReport(study, trials)));
    const coverage = inkCoverage(screenshot(chromium!, pathToFileURL(file).href));
    expect(coverage).toBeGreaterThan(0.01);
    expect(coverage).toBeLessThan(0.6);
  });
});
