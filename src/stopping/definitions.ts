import type { RuleDefinition } from './rule-definition.js';
import type { RuleName, RuleParametersByName } from './rule.js';
import { extrapolateRule } from './rules/extrapolate.js';
import { medianRule } from './rules/median.js';
import { noneRule } from './rules/none.js';
import { patienceRule } from './rules/patience.js';
import { plateauRule } from './rules/plateau.js';
import { thresholdRule } from './rules/threshold.js';

/** Every rule file's definition, by name, each with its own parameter type. */
export type RuleDefinitions = { [Name in RuleName]: RuleDefinition<Name, RuleParametersByName[Name]> };

export const RULE_DEFINITIONS: RuleDefinitions = {
  none: noneRule,
  patience: patienceRule,
  threshold: thresholdRule,
  plateau: plateauRule,
  median: medianRule,
  extrapolate: extrapolateRule,
};

export const RULE_NAMES = Object.keys(RULE_DEFINITIONS) as RuleName[];

export function isRuleName(value: unknown): value is RuleName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(RULE_DEFINITIONS, value);
}
