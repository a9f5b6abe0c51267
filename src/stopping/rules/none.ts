import type { ParametersOf, RuleDefinition } from '../rule-definition.js';

const PARAMETERS = [] as const;

export type NoneParameters = ParametersOf<typeof PARAMETERS>;

/** Never stops: the run trains until its token budget ends it (the trainer enforces the budget). The baseline. */
export const noneRule: RuleDefinition<'none', NoneParameters> = {
  name: 'none',
  summary: 'never stop early: train to the token budget',
  parameters: PARAMETERS,
  evaluate: () => ({ stop: false }),
};
