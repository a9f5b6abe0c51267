import { InputError } from '../errors.js';
import type { ParametersOf, RuleParameter } from './rule-definition.js';

/** The start guard every rule shares (applied before any rule's own verdict, registry.ts): see `learningHasStarted`. */
export const START_GAIN_PARAMETER = {
  name: 'startGain',
  type: 'float',
  default: 0.01,
  min: 0,
  doc: 'no stop until dev EM has risen above its first value by more than this (0: off)',
} as const satisfies RuleParameter;

/** Parameters every rule shares. */
export const SHARED_PARAMETERS = [
  {
    name: 'evalEvery',
    type: 'int',
    default: 20_000,
    min: 1,
    doc: 'training tokens between dev evaluations (each evaluation costs dev tokens too)',
  },
  { name: 'warmup', type: 'float', default: 0, min: 0, doc: 'no stop while the run has used fewer tokens than this' },
  START_GAIN_PARAMETER,
  {
    name: 'restoreBest',
    type: 'boolean',
    default: true,
    doc: 'end with the best dev checkpoint (max dev EM, then lower dev loss, then earlier) instead of the last',
  },
] as const satisfies readonly RuleParameter[];

/** The checked shared parameters: `evalEvery`, `warmup`, `startGain`, `restoreBest`. */
export type SharedStoppingParameters = ParametersOf<typeof SHARED_PARAMETERS>;

/** Human description of what a parameter accepts, for error messages and help. */
export function describeParameter(spec: RuleParameter): string {
  switch (spec.type) {
    case 'int':
      return `an integer ≥ ${spec.min}${spec.max !== undefined ? ` and ≤ ${spec.max}` : ''}`;
    case 'float':
      return `a number ${spec.minExclusive ? '>' : '≥'} ${spec.min}${spec.max !== undefined ? ` and ≤ ${spec.max}` : ''}`;
    case 'choice':
      return `one of ${spec.choices.map((c) => JSON.stringify(c)).join(', ')}`;
    case 'boolean':
      return 'true or false';
  }
}

/**
 * Checks one parameter value against its spec; `undefined` gives the default. Booleans also accept the strings
 * "true"/"false" and the numbers 1/0, because categorical choices in a space file are often written that way.
 * Throws InputError `FIELD: expected …, got …`.
 */
export function checkParameter(spec: RuleParameter, value: unknown, field: string): number | string | boolean {
  if (value === undefined) return spec.default;
  const fail = (): never => {
    throw new InputError(`${field}: expected ${describeParameter(spec)}, got ${JSON.stringify(value) ?? String(value)}`);
  };
  switch (spec.type) {
    case 'int':
    case 'float': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return fail();
      if (spec.type === 'int' && !Number.isInteger(value)) return fail();
      const belowMin = spec.type === 'float' && spec.minExclusive ? value <= spec.min : value < spec.min;
      if (belowMin || (spec.max !== undefined && value > spec.max)) return fail();
      return value;
    }
    case 'choice':
      if (typeof value !== 'string' || !spec.choices.includes(value)) return fail();
      return value;
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (value === 'true' || value === 1) return true;
      if (value === 'false' || value === 0) return false;
      return fail();
  }
}

/** Fills defaults and checks every parameter in `specs`; `read(name)` gives the raw value, `field(name)` its path. */
export function resolveParameters(
  specs: readonly RuleParameter[],
  read: (name: string) => unknown,
  field: (name: string) => string,
): Record<string, number | string | boolean> {
  const resolved: Record<string, number | string | boolean> = {};
  for (const spec of specs) resolved[spec.name] = checkParameter(spec, read(spec.name), field(spec.name));
  return resolved;
}
