import type { RuleDefinition } from '../rule.js';

/** Never stops: the run trains until its token budget ends it (the trainer enforces the budget). The baseline. */
export const noneRule: RuleDefinition = {
  name: 'none',
  summary: 'never stop early: train to the token budget',
  parameters: [],
  evaluate: () => ({ stop: false }),
};
