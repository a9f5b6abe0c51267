import { InputError } from '../errors.js';
import { createSampler, SAMPLER_NAMES } from '../samplers/index.js';
import { checkSamplerSettings, parseSpaceDefinition } from '../space/index.js';
import { createStudy, type Study, type Trial } from '../study/index.js';

/**
 * The `serve --stdio` protocol (DESIGN.md "Language-neutral ask/tell"): one JSON object per line in, one per
 * line out. Each `create` makes a library `Study` (`createStudy`, in a storage of its own in memory), and every
 * other op is that study's ask, tell or front, so a session asks and tells exactly as the library and `search` do.
 * Kept free of I/O so that every exchange is testable as strings.
 */

/** The state of one session: the study created by the last `create`, if any. */
export interface ServeSession {
  study: Study | null;
}

export function createServeSession(): ServeSession {
  return { study: null };
}

/**
 * Most trials one `ask` may hand out at once. Each suggestion of a batch refits the surrogate with the earlier
 * ones as pending (Kriging believer), so a batch costs about n times one ask: 64 take a couple of seconds.
 */
export const MAX_BATCH = 64;

/**
 * Most trials that may be running (asked, not yet told) when `ask` is called. Every running trial is a pending
 * point of every later suggestion, so without a bound a client that never tells makes each ask slower than the last.
 */
export const MAX_RUNNING = 256;

const OPS = ['create', 'ask', 'tell', 'front'] as const;

/**
 * Answers one request line with one response line (without the newline). Never rejects: a bad request gets
 * `{"ok":false,"error":"…"}` and leaves the session as it was. A second `create` replaces the session's study.
 */
export async function handleLine(session: ServeSession, line: string): Promise<string> {
  try {
    if (line.trim() === '') throw new InputError('empty line: expected one JSON object per line');
    let request: unknown;
    try {
      request = JSON.parse(line);
    } catch {
      throw new InputError(`not a JSON object: ${abbreviate(line)}`);
    }
    if (typeof request !== 'object' || request === null || Array.isArray(request)) {
      throw new InputError(`not a JSON object: ${abbreviate(line)}`);
    }
    return JSON.stringify({ ok: true, ...(await handleRequest(session, request as Record<string, unknown>)) });
  } catch (error) {
    const message =
      error instanceof InputError ? error.message : `internal error: ${error instanceof Error ? error.message : String(error)}`;
    return JSON.stringify({ ok: false, error: message });
  }
}

async function handleRequest(session: ServeSession, request: Record<string, unknown>): Promise<Record<string, unknown>> {
  const op = request.op;
  switch (op) {
    case 'create':
      session.study = await create(request);
      return {};
    case 'ask':
      return await ask(requireStudy(session, op), request);
    case 'tell':
      await tell(requireStudy(session, op), request);
      return {};
    case 'front': {
      const study = requireStudy(session, op);
      return { front: await study.front(), hypervolume: await study.hypervolume() };
    }
    default:
      throw new InputError(
        op === undefined ? `$.op: missing (expected one of ${OPS.join(', ')})` : `$.op: unknown op ${JSON.stringify(op)} (expected one of ${OPS.join(', ')})`,
      );
  }
}

async function create(request: Record<string, unknown>): Promise<Study> {
  const space = parseSpaceDefinition(request.space, 'create', '$.space');
  const seed = request.seed ?? 0;
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) throw new InputError(`create: $.seed: expected an integer`);
  const sampler = request.sampler ?? 'gp-ehvi';
  if (typeof sampler !== 'string' || !(SAMPLER_NAMES as readonly string[]).includes(sampler)) {
    throw new InputError(`create: $.sampler: expected one of ${SAMPLER_NAMES.join(', ')}`);
  }
  const settings = request.samplerOptions === undefined ? {} : checkSamplerSettings(request.samplerOptions, 'create', '$.samplerOptions');
  if (sampler !== 'gp-ehvi' && Object.keys(settings).length > 0) {
    throw new InputError(`create: $.samplerOptions: only the gp-ehvi sampler takes options, not ${sampler}`);
  }
  try {
    return await createStudy({
      space,
      objectives: request.objectives as never,
      seed,
      sampler: createSampler(sampler, { seed, ...settings }),
      refPoint: (request.refPoint ?? null) as number[] | null,
    });
  } catch (error) {
    // The study names the field (`objectives[0].direction`, `refPoint`): as a JSON path of the request.
    if (error instanceof InputError) throw new InputError(`create: ${/^[A-Za-z]/.test(error.message) ? '$.' : ''}${error.message}`);
    throw error;
  }
}

function requireStudy(session: ServeSession, op: string): Study {
  if (!session.study) throw new InputError(`${op}: no study yet; send {"op":"create",…} first`);
  return session.study;
}

async function ask(study: Study, request: Record<string, unknown>): Promise<Record<string, unknown>> {
  const n = request.n ?? 1;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 1 || n > MAX_BATCH) {
    throw new InputError(`ask: $.n: expected an integer from 1 to ${MAX_BATCH}`);
  }
  const running = (await study.trials()).filter((trial) => trial.state === 'running').length;
  if (running + n > MAX_RUNNING) {
    throw new InputError(
      `ask: ${running} trials are running and at most ${MAX_RUNNING} may be; tell their results (or "state":"failed") first`,
    );
  }
  if (request.n === undefined) return { trial: trialJson(await study.ask()) };
  return { trials: (await study.ask(n)).map(trialJson) };
}

async function tell(study: Study, request: Record<string, unknown>): Promise<void> {
  const { id, values, stderr, state } = request;
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) throw new InputError(`tell: $.id: expected a trial id (an integer)`);
  if (state !== undefined && state !== 'complete' && state !== 'failed') {
    throw new InputError(`tell: $.state: expected "complete" or "failed"`);
  }
  if (state === 'failed') {
    await study.tell(id, [], { state: 'failed' });
    return;
  }
  if (values === undefined) throw new InputError(`tell: trial ${id}: missing "values" (or "state":"failed")`);
  await study.tell(id, values as number[], { stderr: stderr === undefined ? undefined : (stderr as number[]) });
}

function trialJson(trial: Trial): { id: number; params: Trial['params'] } {
  return { id: trial.id, params: trial.params };
}

function abbreviate(text: string): string {
  const oneLine = text.trim();
  return oneLine.length > 60 ? `${oneLine.slice(0, 57)}...` : oneLine;
}
