export { buildFrontReport, type FrontReport } from './front-report.js';
export { toJson } from './json.js';
export { toCsv } from './csv.js';
export { toSvg } from './svg.js';
export { toHtml } from './html.js';
export { parsePolicy, selectRecipe, type FrontPoint, type SelectionPolicy } from './policy.js';
export { buildProductionConfig, loadProductionConfig, type ProductionConfig } from './production-config.js';
