export { buildFrontReport, toJson, type FrontReport, type TrialRow } from './front-report.js';
export { isEvaluated, type EvaluatedRow } from './evaluated-rows.js';
export { toCsv, csvField } from './csv.js';
export { frontChartSpec, plotPoints, logTickValues, type PlotPoint, type PlotStatus } from './chart.js';
export { toSvg } from './svg.js';
export { toHtml, escapeHtml } from './html.js';
export { describeRecipe, formatEmEstimate, formatTokensEstimate } from './format.js';
export { parsePolicy, policyToString, selectRecipe, type FrontPoint, type SelectionPolicy } from './policy.js';
export {
  buildProductionConfig,
  frontPoints,
  loadProductionConfig,
  parseProductionConfig,
  productionConfigToJson,
  recipeFromParams,
  type ProductionConfig,
  type Recipe,
} from './production-config.js';
