import { describe, expect, it } from 'vitest';
import { createServeSession, handleLine } from '../../src/serve/index.js';

const CREATE = {
  op: 'create',
  space: {
    params: {
      x: { type: 'float', low: 0, high: 1 },
      n: { type: 'int', low: 1, high: 4 },
      kind: { type: 'categorical', choices: ['a', 'b'] },
    },
  },
  objectives: [
    { name: 'f1', direction: 'minimize' },
    { name: 'f2', direction: 'maximize' },
  ],
  seed: 0,
};

async function send(session: ReturnType<typeof createServeSession>, request: unknown): Promise<Record<string, unknown>> {
  const line = typeof request === 'string' ? request : JSON.stringify(request);
  const response = await handleLine(session, line);
  expect(response).not.toContain('\n');
  return JSON.parse(response) as Record<string, unknown>;
}

async function created(extra: Record<string, unknown> = {}) {
  const session = createServeSession();
  expect(await send(session, { ...CREATE, ...extra })).toEqual({ ok: true });
  return session;
}

describe('serve protocol: every op', async () => {
  it('create → ask → tell → front, as DESIGN.md shows', async () => {
    const session = await created({ refPoint: [2, -1] });
    const asked = await send(session, { op: 'ask' }) as { ok: boolean; trial: { id: number; params: Record<string, unknown> } };
    expect(asked.ok).toBe(true);
    expect(asked.trial.id).toBe(0);
    expect(Object.keys(asked.trial.params).sort()).toEqual(['kind', 'n', 'x']);
    expect(await send(session, { op: 'tell', id: 0, values: [0.31, 0.92] })).toEqual({ ok: true });
    expect(await send(session, { op: 'front' })).toEqual({
      ok: true,
      front: [{ id: 0, params: asked.trial.params, values: [0.31, 0.92] }],
      // Minimized (0.31, −0.92) against (2, 1): 1.69 · 1.92.
      hypervolume: expect.closeTo(1.69 * 1.92, 12),
    });
  });

  it('asks for a batch with n, takes stderr and failed tells, and names samplers', async () => {
    const session = await created({ sampler: 'sobol' });
    const batch = await send(session, { op: 'ask', n: 3 }) as { trials: { id: number }[] };
    expect(batch.trials.map((t) => t.id)).toEqual([0, 1, 2]);
    expect(await send(session, { op: 'tell', id: 0, values: [1, 0.5], stderr: [0.1, 0.05] })).toEqual({ ok: true });
    expect(await send(session, { op: 'tell', id: 1, state: 'failed' })).toEqual({ ok: true });
    const front = await send(session, { op: 'front' }) as { front: { id: number }[]; hypervolume: number };
    expect(front.front.map((t) => t.id)).toEqual([0]);
    expect(typeof front.hypervolume).toBe('number');
  });

  it('answers front with an empty front and null hypervolume before any result', async () => {
    expect(await send(await created(), { op: 'front' })).toEqual({ ok: true, front: [], hypervolume: null });
  });

  it('is deterministic: the same lines give the same answers', async () => {
    const transcript = async () => {
      const session = await created({ seed: 3 });
      return [await send(session, { op: 'ask', n: 2 }), await send(session, { op: 'ask' })];
    };
    expect(await transcript()).toEqual(await transcript());
  });

  it('replaces the study on a second create', async () => {
    const session = await created();
    await send(session, { op: 'ask' });
    expect(await send(session, CREATE)).toEqual({ ok: true });
    expect(((await send(session, { op: 'ask' })) as { trial: { id: number } }).trial.id).toBe(0);
  });
});

describe('serve protocol: bad lines get ok:false and the session goes on', async () => {
  const cases: [string, unknown, RegExp][] = [
    ['not JSON', '{"op": "ask"', /not a JSON object/],
    ['JSON but not an object', '[1, 2]', /not a JSON object/],
    ['no op', { n: 2 }, /^\$\.op: missing/],
    ['unknown op', { op: 'dance' }, /^\$\.op: unknown op "dance" \(expected one of create, ask, tell, front\)/],
    ['unknown trial id', { op: 'tell', id: 99, values: [1, 2] }, /unknown trial id 99/],
    ['wrong number of values', { op: 'tell', id: 0, values: [1] }, /expected 2 values \(f1, f2\), got 1/],
    ['a value that is not a number', { op: 'tell', id: 0, values: [1, null] }, /values\[1\] \(f2\): expected a finite number, got null/],
    ['tell without values', { op: 'tell', id: 0 }, /missing "values"/],
    ['a non-integer id', { op: 'tell', id: 'zero', values: [1, 2] }, /id: expected a trial id/],
    ['a bad state', { op: 'tell', id: 0, state: 'lost' }, /^tell: \$\.state: expected "complete" or "failed"/],
    ['a batch beyond the cap', { op: 'ask', n: 1000 }, /^ask: \$\.n: expected an integer from 1 to 64$/],
    ['a bad batch size', { op: 'ask', n: 0 }, /^ask: \$\.n: expected an integer from 1 to 64$/],
  ];

  it.each(cases)('%s', async (_, request, message) => {
    const session = await created();
    await send(session, { op: 'ask' });
    const response = await send(session, request);
    expect(response.ok).toBe(false);
    expect(String(response.error)).toMatch(message);
    // The session is intact: trial 0 can still be told, and the next ask gets id 1.
    expect(await send(session, { op: 'tell', id: 0, values: [1, 2] })).toEqual({ ok: true });
    expect(((await send(session, { op: 'ask' })) as { trial: { id: number } }).trial.id).toBe(1);
  });

  it('rejects telling a trial twice', async () => {
    const session = await created();
    await send(session, { op: 'ask' });
    await send(session, { op: 'tell', id: 0, values: [1, 2] });
    expect(await send(session, { op: 'tell', id: 0, values: [1, 2] })).toEqual({ ok: false, error: expect.stringMatching(/already told/) });
  });

  it('rejects ask, tell and front before create', async () => {
    const session = createServeSession();
    for (const op of ['ask', 'tell', 'front']) {
      expect(await send(session, { op, id: 0, values: [1, 2] })).toEqual({ ok: false, error: `${op}: no study yet; send {"op":"create",…} first` });
    }
  });

  it('rejects a bad create with a message naming the field, and keeps the previous study', async () => {
    const session = await created();
    await send(session, { op: 'ask' });
    const badSpace = await send(session, { ...CREATE, space: { params: { x: { type: 'float', low: 1 } } } });
    expect(badSpace.ok).toBe(false);
    expect(String(badSpace.error)).toMatch(/^create: \$\.space\.params\.x/);
    expect(await send(session, { ...CREATE, objectives: [{ name: 'f1' }] })).toEqual({
      ok: false,
      error: expect.stringMatching(/^create: \$\.objectives\[0\]\.direction/),
    });
    expect(await send(session, { ...CREATE, sampler: 'tpe' })).toEqual({ ok: false, error: expect.stringMatching(/sampler: expected one of gp-ehvi, random, sobol/) });
    expect(await send(session, { ...CREATE, refPoint: [1, 'x'] })).toEqual({ ok: false, error: expect.stringMatching(/^create: \$\.refPoint: expected 2 finite numbers/) });
    expect(await send(session, { ...CREATE, seed: 1.5 })).toEqual({ ok: false, error: 'create: $.seed: expected an integer' });
    expect(await send(session, { ...CREATE, samplerOptions: { ehviSdScale: -1 } })).toEqual({
      ok: false,
      error: expect.stringMatching(/^create: \$\.samplerOptions\.ehviSdScale: must be a positive number/),
    });
    expect(await send(session, { ...CREATE, sampler: 'random', samplerOptions: { ehviSdScale: 1 } })).toEqual({
      ok: false,
      error: 'create: $.samplerOptions: only the gp-ehvi sampler takes options, not random',
    });
    // Still the first study: trial 0 is running there.
    expect(await send(session, { op: 'tell', id: 0, values: [1, 2] })).toEqual({ ok: true });
  });
});

describe('serve protocol: sampler options', async () => {
  it('passes the EHVI tempering to gp-ehvi: the model-based asks differ, the initial design does not', async () => {
    const asks = async (ehviSdScale: number) => {
      const session = await created({ samplerOptions: { ehviSdScale } });
      const params: unknown[] = [];
      for (let id = 0; id < 9; id++) {
        const { trial } = (await send(session, { op: 'ask' })) as { trial: { params: { x: number; n: number } } };
        params.push(trial.params);
        expect(await send(session, { op: 'tell', id, values: [trial.params.x + trial.params.n / 4, (1 - trial.params.x) ** 2] })).toEqual({ ok: true });
      }
      return params;
    };
    const plain = await asks(1);
    const tempered = await asks(0.1);
    // d = 3: 6 Sobol trials first.
    expect(tempered.slice(0, 6)).toEqual(plain.slice(0, 6));
    expect(tempered.slice(6)).not.toEqual(plain.slice(6));
  });
});

describe('serve protocol: bounded work per line', async () => {
  it('refuses to let more than 256 trials run at once, until some are told', async () => {
    const session = await created({ sampler: 'random' });
    for (let i = 0; i < 4; i++) expect((await send(session, { op: 'ask', n: 64 })).ok).toBe(true);
    expect(await send(session, { op: 'ask' })).toEqual({
      ok: false,
      error: 'ask: 256 trials are running and at most 256 may be; tell their results (or "state":"failed") first',
    });
    expect(await send(session, { op: 'tell', id: 0, state: 'failed' })).toEqual({ ok: true });
    expect(await send(session, { op: 'ask' })).toMatchObject({ ok: true, trial: { id: 256 } });
  });
});
