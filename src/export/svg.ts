import { frontChartSpec } from './chart.js';
import type { FrontReport } from './front-report.js';

/**
 * The front plot as a standalone SVG document: the Vega-Lite spec of `frontChartSpec`, compiled to Vega and
 * rendered headless in Node (a View with renderer 'none', then toSVG()). vega and vega-lite load on first use, so
 * that importing the export module stays cheap for the TUI and `serve --stdio`. Deterministic for a given report.
 */
export async function toSvg(report: FrontReport): Promise<string> {
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
  // Warnings about merged scales and legends are expected for this layered spec; only errors matter here.
  const logger = vega.logger(vega.Error);
  const { spec } = vegaLite.compile(frontChartSpec(report), { logger });
  const view = new vega.View(vega.parse(spec), { renderer: 'none', logger });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
