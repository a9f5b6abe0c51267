import { describe, expect, it } from 'vitest';
import { parseSpaceDefinition, parseSpaceFile } from '../../src/space/parse-space-file.js';
import { inputErrorOf } from './errors.js';

const FILE = 'search-spaces/x.json';

/** A valid file in the DESIGN.md format; tests change one thing and expect one exact message. */
function validFile(): Record<string, any> {
  return {
    name: 'default',
    task: { name: 'addition', digits: 3, examples: 6000, seed: 7 },
    folds: 3,
    budget: { maxTokensPerRun: 1500000 },
    objectives: [
      { name: 'tokens', direction: 'minimize' },
      { name: 'em', direction: 'maximize' },
    ],
    params: {
      learningRate: { type: 'float', low: 0.0003, high: 0.03, log: true },
      batchSize: { type: 'int', low: 16, high: 256, log: true },
      'stopping.rule': { type: 'categorical', choices: ['none', 'patience', 'threshold'] },
      'stopping.patience': { type: 'int', low: 1, high: 12, when: 'stopping.rule == "patience"' },
    },
  };
}

function messageFor(change: (file: Record<string, any>) => void): string {
  const file = validFile();
  change(file);
  return inputErrorOf(() => parseSpaceFile(JSON.stringify(file, null, 2), FILE)).message;
}

describe('parseSpaceFile: a valid file', () => {
  it('returns the file with its fields, task extras kept for the trainer', () => {
    const file = parseSpaceFile(JSON.stringify(validFile()), FILE);
    expect(file).toEqual(validFile());
    expect(file.task).toEqual({ name: 'addition', digits: 3, examples: 6000, seed: 7 });
  });

  it('accepts constraints, derived values and a seed', () => {
    const text = JSON.stringify({
      ...validFile(),
      constraints: ['learningRate * batchSize < 2'],
      derived: { 'stopping.evalEvery': 'batchSize * 100' },
      seed: 11,
    });
    const file = parseSpaceFile(text, FILE);
    expect(file.constraints).toEqual(['learningRate * batchSize < 2']);
    expect(file.derived).toEqual({ 'stopping.evalEvery': 'batchSize * 100' });
    expect(file.seed).toBe(11);
  });

  it('accepts sampler options and names the path of a bad one', () => {
    const file = parseSpaceFile(JSON.stringify({ ...validFile(), samplerOptions: { ehviSdScale: 0.25 } }), FILE);
    expect(file.samplerOptions).toEqual({ ehviSdScale: 0.25 });
    expect(messageFor((f) => (f.samplerOptions = { ehviSdScale: 0 }))).toMatch(
      /^search-spaces\/x\.json: \$\.samplerOptions\.ehviSdScale: must be a positive number/,
    );
  });
});

describe('parseSpaceFile: invalid JSON', () => {
  it('names the line and column of a syntax error', () => {
    const text = '{\n  "name": "x",\n  "folds": 3,\n}\n';
    expect(inputErrorOf(() => parseSpaceFile(text, FILE)).message).toBe(
      `${FILE}: invalid JSON at line 4 column 1: unexpected "}", expected a key in double quotes`,
    );
  });

  it('reports a truncated file', () => {
    expect(inputErrorOf(() => parseSpaceFile('{"name": "x"', FILE)).message).toBe(
      `${FILE}: invalid JSON at line 1 column 13: unexpected end of input, expected "," or "}"`,
    );
  });

  it('rejects a duplicate key at its JSON path, where JSON.parse would keep the last silently', () => {
    const text = '{"params": {"lr": {"type": "float",\n "low": 1, "high": 2, "low": 0.5}}}';
    expect(inputErrorOf(() => parseSpaceFile(text, FILE)).message).toBe(
      `${FILE}: $.params.lr.low: duplicate key (first given at line 2 column 2)`,
    );
  });

  it('rejects a document that is not an object', () => {
    expect(inputErrorOf(() => parseSpaceFile('[1, 2]', FILE)).message).toBe(
      `${FILE}: $: must be a JSON object (a search space), not an array`,
    );
  });
});

describe('parseSpaceFile: top-level fields', () => {
  it('rejects an unknown key, suggesting the likely one', () => {
    expect(messageFor((f) => (f.param = {}))).toBe(`${FILE}: $.param: unknown key (did you mean "params"?)`);
  });

  it('lists the allowed keys for an unknown key with no close match', () => {
    expect(messageFor((f) => (f.comment = 'x'))).toBe(
      `${FILE}: $.comment: unknown key (allowed keys: name, task, folds, budget, objectives, params, constraints, derived, seed, samplerOptions)`,
    );
  });

  it('requires name', () => {
    expect(messageFor((f) => delete f.name)).toBe(`${FILE}: $.name: is required (the study name)`);
    expect(messageFor((f) => (f.name = ''))).toBe(`${FILE}: $.name: must be a non-empty string, not the string ""`);
  });

  it('requires task to be an object with a name', () => {
    expect(messageFor((f) => (f.task = 'addition'))).toBe(
      `${FILE}: $.task: must be an object with at least "name", not the string "addition"`,
    );
    expect(messageFor((f) => delete f.task.name)).toBe(`${FILE}: $.task.name: is required (the task name)`);
  });

  it('requires folds to be an integer from 2 to 20', () => {
    expect(messageFor((f) => (f.folds = 1))).toBe(`${FILE}: $.folds: must be an integer from 2 to 20, not the number 1`);
    expect(messageFor((f) => (f.folds = 2.5))).toBe(`${FILE}: $.folds: must be an integer from 2 to 20, not the number 2.5`);
    expect(messageFor((f) => (f.folds = '3'))).toBe(`${FILE}: $.folds: must be an integer from 2 to 20, not the string "3"`);
    expect(messageFor((f) => (f.folds = 1e9))).toBe(`${FILE}: $.folds: must be an integer from 2 to 20, not the number 1000000000`);
    expect(messageFor((f) => delete f.folds)).toBe(`${FILE}: $.folds: is required (an integer from 2 to 20)`);
  });

  it('requires budget.maxTokensPerRun to be at least 1000 tokens, and nothing else in budget', () => {
    expect(messageFor((f) => (f.budget.maxTokensPerRun = 0))).toBe(
      `${FILE}: $.budget.maxTokensPerRun: must be at least 1000 tokens, not 0`,
    );
    expect(messageFor((f) => (f.budget.maxTokensPerRun = 1e-300))).toBe(
      `${FILE}: $.budget.maxTokensPerRun: must be at least 1000 tokens, not 1e-300`,
    );
    expect(messageFor((f) => (f.budget.tokens = 5))).toBe(`${FILE}: $.budget.tokens: unknown key (allowed keys: maxTokensPerRun)`);
    expect(messageFor((f) => (f.budget = {}))).toBe(`${FILE}: $.budget.maxTokensPerRun: is required (tokens per run)`);
    expect(messageFor((f) => (f.budget.maxTokens = 5))).toBe(
      `${FILE}: $.budget.maxTokens: unknown key (did you mean "maxTokensPerRun"?)`,
    );
  });

  it('checks objectives: non-empty, known directions, unique names, no extra keys', () => {
    expect(messageFor((f) => (f.objectives = []))).toBe(`${FILE}: $.objectives: must name at least one objective`);
    expect(messageFor((f) => (f.objectives[1].direction = 'max'))).toBe(
      `${FILE}: $.objectives[1].direction: must be "minimize" or "maximize", not "max"`,
    );
    expect(messageFor((f) => (f.objectives[1].name = 'tokens'))).toBe(
      `${FILE}: $.objectives[1].name: repeats the objective "tokens"`,
    );
    expect(messageFor((f) => (f.objectives[0].directon = 'minimize'))).toBe(
      `${FILE}: $.objectives[0].directon: unknown key (did you mean "direction"?)`,
    );
    expect(messageFor((f) => (f.objectives = { name: 'em' }))).toBe(
      `${FILE}: $.objectives: must be an array of {name, direction}, not an object`,
    );
  });

  it('requires seed, when given, to be an integer', () => {
    expect(messageFor((f) => (f.seed = 1.5))).toBe(`${FILE}: $.seed: must be an integer, not the number 1.5`);
  });
});

describe('parseSpaceFile: parameters', () => {
  it('requires at least one parameter', () => {
    expect(messageFor((f) => delete f.params)).toBe(
      `${FILE}: $.params: is required (an object of parameter name → spec)`,
    );
    expect(messageFor((f) => (f.params = {}))).toBe(`${FILE}: $.params: must define at least one parameter`);
  });

  it('rejects names that expressions could not refer to', () => {
    expect(messageFor((f) => (f.params['lr-max'] = { type: 'float', low: 0, high: 1 }))).toBe(
      `${FILE}: $.params["lr-max"]: a parameter name must be letters, digits and "_" (not starting with a digit), in parts joined by dots`,
    );
    expect(messageFor((f) => (f.params.not = { type: 'float', low: 0, high: 1 }))).toBe(
      `${FILE}: $.params.not: "not" is a reserved word in expressions`,
    );
  });

  it('requires a known type', () => {
    expect(messageFor((f) => (f.params.learningRate = { low: 0, high: 1 }))).toBe(
      `${FILE}: $.params.learningRate.type: is required (one of "float", "int", "categorical")`,
    );
    expect(messageFor((f) => (f.params.learningRate.type = 'double'))).toBe(
      `${FILE}: $.params.learningRate.type: must be one of "float", "int", "categorical", not "double"`,
    );
    expect(messageFor((f) => (f.params.learningRate = 0.01))).toBe(
      `${FILE}: $.params.learningRate: must be a parameter spec (an object with "type"), not the number 0.01`,
    );
  });

  it('rejects keys a type does not take, with a hint for typos', () => {
    expect(messageFor((f) => (f.params.learningRate.lo = 0.1))).toBe(
      `${FILE}: $.params.learningRate.lo: unknown key (did you mean "low"?)`,
    );
    expect(messageFor((f) => (f.params.learningRate.choices = [1, 2]))).toBe(
      `${FILE}: $.params.learningRate.choices: unknown key (float parameters take type, low, high, log, when)`,
    );
    expect(messageFor((f) => (f.params['stopping.rule'].low = 1))).toBe(
      `${FILE}: $.params["stopping.rule"].low: unknown key (categorical parameters take type, choices, when)`,
    );
  });

  it('requires numeric bounds with low below high', () => {
    expect(messageFor((f) => (f.params.learningRate.low = 0.5))).toBe(
      `${FILE}: $.params.learningRate.low: must be a number below high (0.03)`,
    );
    expect(messageFor((f) => (f.params.learningRate.low = 0.03))).toBe(
      `${FILE}: $.params.learningRate.low: must be a number below high (0.03)`,
    );
    expect(messageFor((f) => (f.params.learningRate.low = '0.001'))).toBe(
      `${FILE}: $.params.learningRate.low: must be a number, not the string "0.001"`,
    );
    expect(messageFor((f) => delete f.params.learningRate.high)).toBe(
      `${FILE}: $.params.learningRate.high: is required (the largest value)`,
    );
  });

  it('requires log to be a boolean and a positive low on a log scale', () => {
    expect(messageFor((f) => (f.params.learningRate.log = 'yes'))).toBe(
      `${FILE}: $.params.learningRate.log: must be true or false, not the string "yes"`,
    );
    expect(messageFor((f) => (f.params.learningRate.low = 0))).toBe(
      `${FILE}: $.params.learningRate.low: must be above 0 when log is true (got 0)`,
    );
  });

  it('requires integral bounds for int parameters', () => {
    expect(messageFor((f) => (f.params.batchSize.low = 16.5))).toBe(
      `${FILE}: $.params.batchSize.low: must be an integer for an int parameter (got 16.5)`,
    );
    expect(messageFor((f) => (f.params.batchSize.high = 256.5))).toBe(
      `${FILE}: $.params.batchSize.high: must be an integer for an int parameter (got 256.5)`,
    );
  });

  it('requires non-empty, unique categorical choices of strings, numbers or booleans', () => {
    const rule = (f: Record<string, any>) => f.params['stopping.rule'];
    expect(messageFor((f) => delete rule(f).choices)).toBe(
      `${FILE}: $.params["stopping.rule"].choices: is required (a non-empty array of strings, numbers or booleans)`,
    );
    expect(messageFor((f) => (rule(f).choices = []))).toBe(
      `${FILE}: $.params["stopping.rule"].choices: must have at least one choice`,
    );
    expect(messageFor((f) => (rule(f).choices = 'none'))).toBe(
      `${FILE}: $.params["stopping.rule"].choices: must be an array of strings, numbers or booleans, not the string "none"`,
    );
    expect(messageFor((f) => (rule(f).choices = ['none', null]))).toBe(
      `${FILE}: $.params["stopping.rule"].choices[1]: must be a string, number or boolean, not null`,
    );
    expect(messageFor((f) => (rule(f).choices = ['none', 'patience', 'none']))).toBe(
      `${FILE}: $.params["stopping.rule"].choices[2]: repeats choices[0] ("none")`,
    );
  });

  it('keeps 16 and "16" as different choices', () => {
    const file = validFile();
    file.params.batchSize = { type: 'categorical', choices: [16, '16', true] };
    expect(parseSpaceFile(JSON.stringify(file), FILE).params.batchSize).toEqual({ type: 'categorical', choices: [16, '16', true] });
  });
});

describe('parseSpaceFile: conditions', () => {
  const patience = (f: Record<string, any>) => f.params['stopping.patience'];

  it('requires when to be a non-empty string', () => {
    expect(messageFor((f) => (patience(f).when = true))).toBe(
      `${FILE}: $.params["stopping.patience"].when: must be a condition (a non-empty string), not the boolean true`,
    );
  });

  it('reports a condition that does not parse', () => {
    expect(messageFor((f) => (patience(f).when = 'stopping.rule == '))).toBe(
      `${FILE}: $.params["stopping.patience"].when: cannot parse "stopping.rule == ": Unexpected end of expression (char 18)`,
    );
  });

  it('reports an unknown parameter, suggesting the likely one', () => {
    expect(messageFor((f) => (patience(f).when = 'stopping.rul == "patience"'))).toBe(
      `${FILE}: $.params["stopping.patience"].when: unknown parameter "stopping.rul" (did you mean "stopping.rule"?)`,
    );
  });

  it('rejects a forbidden function', () => {
    expect(messageFor((f) => (patience(f).when = 'evaluate("1") == 1'))).toBe(
      `${FILE}: $.params["stopping.patience"].when: the function evaluate is not allowed (allowed: abs, sign, sqrt, exp, log, log2, log10, floor, ceil, round, min, max, pow, mod)`,
    );
  });

  it('rejects a condition on its own parameter', () => {
    expect(messageFor((f) => (patience(f).when = 'stopping.patience > 3'))).toBe(
      `${FILE}: $.params["stopping.patience"].when: depends on its own parameter "stopping.patience"`,
    );
  });

  it('rejects conditions that form a cycle, naming it', () => {
    expect(
      messageFor((f) => {
        f.params.learningRate.when = 'batchSize > 32';
        f.params.batchSize.when = 'learningRate < 0.01';
      }),
    ).toBe(`${FILE}: $.params.learningRate.when: conditions form a cycle: learningRate → batchSize → learningRate`);
  });

  it('requires a condition to be true or false', () => {
    expect(messageFor((f) => (patience(f).when = 'batchSize * 2'))).toBe(
      `${FILE}: $.params["stopping.patience"].when: must be true or false (a comparison or logical expression), but "batchSize * 2" is a number`,
    );
  });
});

describe('parseSpaceFile: constraints and derived values', () => {
  it('requires constraints to be an array of expressions', () => {
    expect(messageFor((f) => (f.constraints = 'learningRate < 0.01'))).toBe(
      `${FILE}: $.constraints: must be an array of expressions, not the string "learningRate < 0.01"`,
    );
    expect(messageFor((f) => (f.constraints = ['learningRate < 0.01', 3]))).toBe(
      `${FILE}: $.constraints[1]: must be an expression (a non-empty string), not the number 3`,
    );
  });

  it('names the constraint that fails to parse, names an unknown parameter or calls a forbidden function', () => {
    expect(messageFor((f) => (f.constraints = ['batchSize >', 'x']))).toMatch(
      new RegExp(`^${FILE}: \\$\\.constraints\\[0\\]: cannot parse "batchSize >": `),
    );
    expect(messageFor((f) => (f.constraints = ['learningRate < 1', 'batchSz < 64']))).toBe(
      `${FILE}: $.constraints[1]: unknown parameter "batchSz" (did you mean "batchSize"?)`,
    );
    expect(messageFor((f) => (f.constraints = ['import({}, {}) == 1']))).toMatch(
      new RegExp(`^${FILE}: \\$\\.constraints\\[0\\]: the function import is not allowed`),
    );
  });

  it('checks derived values: an object of expressions whose names are not parameters', () => {
    expect(messageFor((f) => (f.derived = ['x']))).toBe(
      `${FILE}: $.derived: must be an object of name → expression, not an array`,
    );
    expect(messageFor((f) => (f.derived = { batchSize: '32' }))).toBe(
      `${FILE}: $.derived.batchSize: has the same name as a parameter`,
    );
    expect(messageFor((f) => (f.derived = { 'stopping.evalEvery': 1000 }))).toBe(
      `${FILE}: $.derived["stopping.evalEvery"]: must be an expression (a non-empty string), not the number 1000`,
    );
    expect(messageFor((f) => (f.derived = { 'stopping.evalEvery': 'batch * 100' }))).toBe(
      `${FILE}: $.derived["stopping.evalEvery"]: unknown parameter "batch" (did you mean "batchSize"?)`,
    );
  });
});

describe('parseSpaceDefinition (the reduced form of serve --stdio create)', () => {
  const params = { x: { type: 'float', low: 0, high: 1 }, k: { type: 'categorical', choices: ['a', 'b'] } };

  it('accepts params with optional constraints and returns a copy', () => {
    const value = { params, constraints: ['x < 0.5 or k == "b"'] };
    const definition = parseSpaceDefinition(value, 'create');
    expect(definition).toEqual(value);
    expect(definition.params).not.toBe(params);
  });

  it('rejects the keys only a file may have, at the path given as root', () => {
    expect(inputErrorOf(() => parseSpaceDefinition({ params, folds: 3 }, 'create', '$.space')).message).toBe(
      'create: $.space.folds: unknown key (allowed keys: params, constraints, derived)',
    );
  });

  it('reports bad parameters and expressions like the file parser', () => {
    expect(inputErrorOf(() => parseSpaceDefinition({ params: { x: { type: 'float', low: 1, high: 0 } } }, 'create')).message).toBe(
      'create: $.params.x.low: must be a number below high (0)',
    );
    expect(inputErrorOf(() => parseSpaceDefinition({ params, constraints: ['y > 1'] }, 'create', '$.space')).message).toBe(
      'create: $.space.constraints[0]: unknown parameter "y"',
    );
    expect(inputErrorOf(() => parseSpaceDefinition('x', 'create', '$.space')).message).toBe(
      'create: $.space: must be an object with "params", not the string "x"',
    );
  });
});
