import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/random/rng.js';
import { compileSpace } from '../../src/space/compile-space.js';
import type { ParamSpec, SpaceDefinition } from '../../src/space/types.js';
import { inputErrorOf } from './errors.js';

/** Every kind of parameter, with a chain of conditions (patience → patienceDelta) and a conditional categorical. */
const definition: SpaceDefinition = {
  params: {
    learningRate: { type: 'float', low: 0.0003, high: 0.03, log: true },
    dropout: { type: 'float', low: 0, high: 0.5 },
    batchSize: { type: 'int', low: 16, high: 256, log: true },
    layers: { type: 'int', low: 1, high: 4 },
    width: { type: 'categorical', choices: [16, 32, 64] },
    restoreBest: { type: 'categorical', choices: [true, false] },
    'stopping.rule': { type: 'categorical', choices: ['none', 'patience', 'threshold'] },
    'stopping.patience': { type: 'int', low: 1, high: 12, when: 'stopping.rule == "patience"' },
    'stopping.minDelta': { type: 'float', low: 0.0001, high: 0.1, log: true, when: 'stopping.patience > 6' },
    'stopping.metric': { type: 'categorical', choices: ['em', 'loss'], when: 'stopping.rule == "patience"' },
  },
};
const space = compileSpace(definition, 'space.json');
const index = (name: string) => space.dimensions.findIndex((dimension) => dimension.name === name);

function randomPoints(count: number, seed: number): Float64Array[] {
  const rng = createRng(seed);
  return Array.from({ length: count }, () => Float64Array.from({ length: space.d }, () => rng.next()));
}

describe('compileSpace: dimensions', () => {
  it('has one dimension per parameter in file order, with categorical counts and mask', () => {
    expect(space.d).toBe(10);
    expect(space.dimensions.map((dimension) => dimension.name)).toEqual(Object.keys(definition.params));
    expect(space.dimensions[0]).toEqual({ name: 'learningRate', kind: 'float' });
    expect(space.dimensions[4]).toEqual({ name: 'width', kind: 'categorical', choices: 3 });
    expect(space.categoricalMask).toEqual([false, false, false, false, true, true, true, false, false, true]);
  });

  it('keeps a frozen copy of the definition', () => {
    expect(space.definition).toEqual(definition);
    expect(space.definition).not.toBe(definition);
    expect(Object.isFrozen(space.definition.params.learningRate)).toBe(true);
  });
});

describe('compileSpace: decode', () => {
  it('gives valid, feasible recipes with only active parameters, in file order', () => {
    for (const u of randomPoints(500, 1)) {
      const params = space.decode(u);
      expect(space.isFeasible(params)).toBe(true);
      const active = params['stopping.rule'] === 'patience';
      expect('stopping.patience' in params).toBe(active);
      expect('stopping.metric' in params).toBe(active);
      expect('stopping.minDelta' in params).toBe(active && (params['stopping.patience'] as number) > 6);
      const order = Object.keys(definition.params).filter((name) => name in params);
      expect(Object.keys(params)).toEqual(order);
    }
  });

  it('maps the corners to the bounds exactly and clamps coordinates outside [0, 1]', () => {
    const low = space.decode(new Float64Array(space.d).fill(0));
    expect(low).toEqual({ learningRate: 0.0003, dropout: 0, batchSize: 16, layers: 1, width: 16, restoreBest: true, 'stopping.rule': 'none' });
    const high = space.decode(new Float64Array(space.d).fill(1));
    expect(high).toMatchObject({ learningRate: 0.03, dropout: 0.5, batchSize: 256, layers: 4, width: 64, restoreBest: false });
    expect(space.decode(new Float64Array(space.d).fill(-3))).toEqual(low);
    expect(space.decode(new Float64Array(space.d).fill(7))).toEqual(high);
  });

  it('keeps the types of categorical choices', () => {
    const u = new Float64Array(space.d).fill(0.5);
    u[index('width')] = 0.9;
    u[index('restoreBest')] = 0.9;
    const params = space.decode(u);
    expect(params.width).toBe(64);
    expect(params.restoreBest).toBe(false);
  });

  it('rejects a point of the wrong length', () => {
    expect(() => space.decode([0.5, 0.5])).toThrow(RangeError);
  });
});

describe('compileSpace: encode', () => {
  it('puts inactive parameters at 0.5 (numeric) and 0 (categorical)', () => {
    const point = space.encode({
      learningRate: 0.003, dropout: 0.25, batchSize: 64, layers: 2, width: 32, restoreBest: true, 'stopping.rule': 'none',
    });
    expect(point[index('stopping.patience')]).toBe(0.5);
    expect(point[index('stopping.minDelta')]).toBe(0.5);
    expect(point[index('stopping.metric')]).toBe(0);
    expect(point[index('dropout')]).toBe(0.5);
    expect(point[index('width')]).toBeCloseTo(0.5, 15); // (1 + 0.5) / 3
    expect(point[index('restoreBest')]).toBe(0.25); // (0 + 0.5) / 2
    expect(point[index('learningRate')]).toBeCloseTo(0.5, 12); // 0.003 is the geometric middle of [0.0003, 0.03]
    expect(point[index('layers')]).toBeCloseTo(0.375, 15); // centre of the 2nd of 4 cells
  });

  it('round-trips: decode(encode(p)) = p and encode(decode(u)) is canonical (a fixed point)', () => {
    const problems: string[] = [];
    let floatsNotBitExact = 0;
    for (const u of randomPoints(2000, 2)) {
      const params = space.decode(u);
      const canonical = space.encode(params);
      const again = space.decode(canonical);
      if (Object.keys(again).join() !== Object.keys(params).join()) problems.push(`keys of ${JSON.stringify(params)}`);
      for (const [name, value] of Object.entries(params)) {
        const isFloat = space.dimensions[index(name)].kind === 'float';
        if (isFloat && Math.abs((again[name] as number) - (value as number)) > 1e-12 * Math.abs(value as number)) {
          problems.push(`${name}: ${value} → ${again[name]}`);
        }
        if (isFloat && again[name] !== value) floatsNotBitExact++;
        if (!isFloat && again[name] !== value) problems.push(`${name}: ${String(value)} → ${String(again[name])}`);
      }
      const twice = space.encode(again);
      for (let i = 0; i < space.d; i++) {
        // Int and categorical coordinates are exact cell centres; float ones agree to rounding.
        const exact = space.dimensions[i].kind !== 'float';
        if (exact ? twice[i] !== canonical[i] : Math.abs(twice[i] - canonical[i]) > 1e-12) problems.push(`coordinate ${i}`);
      }
    }
    expect(problems).toEqual([]);
    // Floats of decoded recipes come back bit for bit (measured: 0 misses in 100k). A float typed in by a user
    // on a log scale may come back a few ulps off: not every double is exp() of some double.
    expect(floatsNotBitExact).toBe(0);
  });

  it('gives back floats a user typed, bit for bit, up to 12 significant digits', () => {
    const rng = createRng(4);
    const misses: string[] = [];
    for (let i = 0; i < 2000; i++) {
      const digits = 1 + rng.int(12);
      const learningRate = Number((0.0003 * 100 ** rng.next()).toPrecision(digits));
      const dropout = Number((0.5 * rng.next()).toPrecision(digits));
      if (learningRate < 0.0003 || learningRate > 0.03 || dropout > 0.5) continue;
      const params = { learningRate, dropout, batchSize: 20, layers: 1, width: 16, restoreBest: true, 'stopping.rule': 'none' };
      const again = space.decode(space.encode(params));
      if (again.learningRate !== learningRate || again.dropout !== dropout) misses.push(`${learningRate}, ${dropout}`);
    }
    expect(misses).toEqual([]);
  });

  it('throws InputError for something that is not a recipe', () => {
    expect(inputErrorOf(() => space.encode({ learningRate: 0.003 })).message).toBe('params: $.dropout: is required');
  });
});

describe('compileSpace: integer scales', () => {
  it('gives each integer of a linear int an equal share of the cube', () => {
    const uniform = compileSpace({ params: { k: { type: 'int', low: 1, high: 4 } } });
    const counts = new Map<number, number>();
    for (let i = 0; i < 4000; i++) {
      const k = uniform.decode([(i + 0.5) / 4000]).k as number;
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    expect([...counts.entries()].sort((a, b) => a[0] - b[0])).toEqual([[1, 1000], [2, 1000], [3, 1000], [4, 1000]]);
  });

  it('spreads a log int evenly in log space and round-trips every integer', () => {
    const logInt = compileSpace({ params: { k: { type: 'int', low: 1, high: 1000, log: true } } });
    let upToTen = 0;
    const n = 100_000;
    for (let i = 0; i < n; i++) if ((logInt.decode([(i + 0.5) / n]).k as number) <= 10) upToTen++;
    // Cells [k − ½, k + ½] in log space: P(k ≤ 10) = log(10.5 / 0.5) / log(1000.5 / 0.5).
    expect(upToTen / n).toBeCloseTo(Math.log(21) / Math.log(2001), 3);
    for (let k = 1; k <= 1000; k++) {
      const u = logInt.encode({ k });
      expect(logInt.decode(u)).toEqual({ k });
      expect(u[0]).toBeGreaterThan(0);
      expect(u[0]).toBeLessThan(1);
    }
  });
});

describe('compileSpace: mixed-type categoricals', () => {
  it('round-trips every choice with its type', () => {
    const choices = [16, '16', true, false, 2.5, 'none'];
    const mixed = compileSpace({ params: { c: { type: 'categorical', choices } } });
    for (const choice of choices) {
      const point = mixed.encode({ c: choice });
      expect(mixed.decode(point).c).toBe(choice);
    }
    expect(mixed.isFeasible({ c: '2.5' })).toBe(false);
  });
});

describe('compileSpace: conditions', () => {
  it('evaluates string equality, and an inactive parameter in a condition makes it false', () => {
    // minDelta's condition reads stopping.patience, which is inactive unless the rule is "patience".
    const u = new Float64Array(space.d).fill(0.99);
    u[index('stopping.rule')] = 0.1; // "none"
    expect('stopping.minDelta' in space.decode(u)).toBe(false);
    u[index('stopping.rule')] = 0.5; // "patience"
    u[index('stopping.minDelta')] = 1;
    expect(space.decode(u)).toMatchObject({ 'stopping.patience': 12, 'stopping.minDelta': 0.1 });
    u[index('stopping.patience')] = 0.2; // patience 3: minDelta's condition is false
    expect('stopping.minDelta' in space.decode(u)).toBe(false);
  });
});

describe('compileSpace: constraints', () => {
  const constrained = compileSpace(
    {
      params: {
        x: { type: 'float', low: 0, high: 1 },
        y: { type: 'float', low: 0, high: 1 },
        mode: { type: 'categorical', choices: ['a', 'b'] },
        z: { type: 'int', low: 1, high: 10, when: 'mode == "b"' },
      },
      constraints: ['x + y <= 1', 'z * x < 5'],
    },
    'c.json',
  );

  it('filters recipes by their constraints', () => {
    let feasible = 0;
    const rng = createRng(3);
    for (let i = 0; i < 4000; i++) {
      const params = constrained.decode([rng.next(), rng.next(), rng.next(), rng.next()]);
      const expected = (params.x as number) + (params.y as number) <= 1 && (params.z === undefined || (params.z as number) * (params.x as number) < 5);
      expect(constrained.isFeasible(params)).toBe(expected);
      if (expected) feasible++;
    }
    expect(feasible).toBeGreaterThan(1500);
    expect(feasible).toBeLessThan(2000);
  });

  it('does not apply a constraint that reads an inactive parameter', () => {
    expect(constrained.isFeasible({ x: 0.9, y: 0.1, mode: 'a' })).toBe(true);
    expect(constrained.isFeasible({ x: 0.9, y: 0.1, mode: 'b', z: 6 })).toBe(false);
  });

  it('validate names the violated constraint', () => {
    expect(inputErrorOf(() => constrained.validate({ x: 0.9, y: 0.2, mode: 'a' }, 'tell')).message).toBe(
      'tell: violates the constraint "x + y <= 1" ($.constraints[0] of c.json)',
    );
  });
});

describe('compileSpace: derived values', () => {
  const withDerived = compileSpace(
    {
      params: {
        batchSize: { type: 'int', low: 16, high: 256 },
        rule: { type: 'categorical', choices: ['none', 'patience'] },
        patience: { type: 'int', low: 1, high: 12, when: 'rule == "patience"' },
      },
      derived: {
        'stopping.evalEvery': 'batchSize * 1250',
        patienceTokens: 'patience * batchSize * 1250',
        guarded: 'rule == "patience" ? patience * 2 : 0',
        isPatience: 'rule == "patience"',
        ruleName: 'rule',
        logOfZero: 'log(batchSize - 16)',
      },
    },
    'd.json',
  );

  it('computes them for a recipe, leaving out those that read an inactive parameter unguarded', () => {
    expect(withDerived.derive({ batchSize: 16 + 16, rule: 'none' })).toEqual({
      'stopping.evalEvery': 40000,
      guarded: 0,
      isPatience: false,
      ruleName: 'none',
      logOfZero: Math.log(16),
    });
    expect(withDerived.derive({ batchSize: 32, rule: 'patience', patience: 3 })).toMatchObject({
      patienceTokens: 120000,
      guarded: 6,
      isPatience: true,
    });
  });

  it('reports a derived value that is not a finite number, at its path', () => {
    expect(inputErrorOf(() => withDerived.derive({ batchSize: 16, rule: 'none' })).message).toBe(
      'd.json: $.derived.logOfZero: evaluated to -Infinity for the recipe {"batchSize":16,"rule":"none"}',
    );
  });

  it('are not part of decoded recipes', () => {
    expect(Object.keys(withDerived.decode([0.5, 0.9, 0.5]))).toEqual(['batchSize', 'rule', 'patience']);
  });
});

describe('compileSpace: validate', () => {
  const recipe = {
    learningRate: 0.003, dropout: 0.1, batchSize: 64, layers: 2, width: 32, restoreBest: true, 'stopping.rule': 'patience',
    'stopping.patience': 3, 'stopping.metric': 'em',
  };
  const messageFor = (params: Record<string, unknown>) =>
    inputErrorOf(() => space.validate(params as never, '--params')).message;

  it('accepts a valid recipe', () => {
    expect(() => space.validate(recipe, '--params')).not.toThrow();
  });

  it.each([
    [{ ...recipe, learningRat: 0.1 }, '--params: $.learningRat: unknown parameter (did you mean "learningRate"?)'],
    [{ ...recipe, learningRate: 0.5 }, '--params: $.learningRate: must be a number from 0.0003 to 0.03 (got 0.5)'],
    [{ ...recipe, layers: 2.5 }, '--params: $.layers: must be an integer from 1 to 4 (got the number 2.5)'],
    [{ ...recipe, dropout: '0.1' }, '--params: $.dropout: must be a number from 0 to 0.5 (got the string "0.1")'],
    [{ ...recipe, width: '32' }, '--params: $.width: must be one of 16, 32, 64 (got the string "32"; the choice is the number 32)'],
    [
      { ...recipe, 'stopping.rule': 'none' },
      '--params: $["stopping.patience"]: must be left out: its condition "stopping.rule == \\"patience\\"" is false for this recipe',
    ],
    [
      { ...recipe, 'stopping.patience': 9 },
      '--params: $["stopping.minDelta"]: is required (its condition "stopping.patience > 6" holds)',
    ],
    [[1, 2], '--params: $: must be an object of parameter values, not an array'],
  ])('rejects %j', (params, message) => {
    expect(messageFor(params as Record<string, unknown>)).toBe(message);
    expect(space.isFeasible(params as never)).toBe(false);
  });

  it('does not take a name inherited from Object.prototype for a parameter', () => {
    const spec: ParamSpec = { type: 'float', low: 0, high: 1 };
    const params: Record<string, ParamSpec> = Object.fromEntries([['constructor', spec]]);
    const tricky = compileSpace({ params });
    expect(tricky.isFeasible({})).toBe(false);
    expect(tricky.decode([0.5])).toEqual({ constructor: 0.5 });
  });
});

describe('compileSpace: complete', () => {
  const preferred: Record<string, number | string | boolean> = {
    learningRate: 0.5, // above the range: clamped to 0.03
    dropout: 0.1,
    batchSize: 10.4, // below the range: 16
    layers: 2.6, // rounded: 3
    width: 128, // not a choice: the nearest numeric choice, 64
    'stopping.rule': 'patience',
    'stopping.patience': 8,
    'stopping.minDelta': 0.01,
  };

  it('fills left-out active parameters with the nearest value of the space, in condition order, and lists the rest', () => {
    const seen: string[] = [];
    const completed = space.complete({ restoreBest: false }, (name, recipe) => {
      // A condition's parameters are filled before the parameters that depend on them.
      if (name === 'stopping.minDelta') expect(recipe['stopping.patience']).toBe(8);
      seen.push(name);
      return preferred[name];
    });
    expect(completed.params).toEqual({
      restoreBest: false,
      learningRate: 0.03,
      dropout: 0.1,
      batchSize: 16,
      layers: 3,
      width: 64,
      'stopping.rule': 'patience',
      'stopping.patience': 8,
      'stopping.minDelta': 0.01,
    });
    expect(completed.missing).toEqual(['stopping.metric']);
    expect(completed.filled.sort()).toEqual(['batchSize', 'dropout', 'layers', 'learningRate', 'stopping.minDelta', 'stopping.patience', 'stopping.rule', 'width']);
    expect(seen).not.toContain('restoreBest');
  });

  it('keeps given values and fills nothing a given value makes inactive', () => {
    const given = { learningRate: 0.001, dropout: 0, batchSize: 32, layers: 1, width: 16, restoreBest: true, 'stopping.rule': 'none' };
    const completed = space.complete(given, (name) => preferred[name]);
    expect(completed).toEqual({ params: given, filled: [], missing: [] });
    expect(() => space.validate(completed.params)).not.toThrow();
  });
});
