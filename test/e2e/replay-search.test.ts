import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, TINY_SPACE } from '../helpers/cli.js';
import { cliRuns, timeoutFor, tinySearchWork } from '../helpers/timeouts.js';

// A tiny search with replay through the real CLI: trained trials record their curves, replayed trials join the
// study, and `replay` scores the space's rules on those curves again.
const dir = mkdtempSync(join(tmpdir(), 'stopwise-replay-e2e-'));
const storage = `sqlite:${join(dir, 'study.db')}`;
const space = join(dir, 'tiny-replay.json');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tiny = JSON.parse(readFileSync(TINY_SPACE, 'utf8')) as Record<string, any>;
// Learning rates at which the tiny task's dev EM rises within the budget: on a flat curve no rule fires (each waits
// for learning to start), and there is nothing to replay.
const params = { ...tiny.params, learningRate: { type: 'float', low: 0.02, high: 0.05, log: true }, width: { type: 'categorical', choices: [64] } };
writeFileSync(space, JSON.stringify({ ...tiny, name: 'tiny-replay', params, replay: { gridEvery: 1000, maxPerRun: 4, racing: true } }));

interface ShowJson {
  study: { cost: { trained: number; pruned: number; replayed: number; measurementTokens: number; totalTokens: number } };
  trials: { number: number; state: string; onFront: boolean; replayedFrom: number | null }[];
}

describe('stopwise search with replay (real training, tiny task)', () => {
  const work = tinySearchWork(2, { confirm: false });
  it('adds replayed trials after each trained one, counts only trained ones, and replay prints a front from the recorded curves', { timeout: timeoutFor(work, cliRuns(3)) }, async () => {
    const search = await runCli(['search', space, '--storage', storage, '--trials', '2', '--no-tui', '--json', '--seed', '5', '--no-confirm'], {
      timeoutMs: timeoutFor(work),
    });
    expect(search.stderr.split('\n').filter((line) => line.startsWith('stopwise:'))).toEqual([]);
    expect(search.status).toBe(0);
    const events = search.stdout.trim().split('\n').map((line) => JSON.parse(line) as { event: string; from?: number; trials?: unknown[]; complete?: number });
    expect(events.filter((event) => event.event === 'trial')).toHaveLength(2);
    const replayedEvents = events.filter((event) => event.event === 'replayed');
    expect(replayedEvents.length).toBeGreaterThan(0);
    expect(events.at(-1)).toMatchObject({ event: 'done', complete: 2, target: 2 });

    const shown = await runCli(['show', '--study', 'tiny-replay', '--storage', storage, '--json']);
    expect(shown.status).toBe(0);
    const study = JSON.parse(shown.stdout) as ShowJson;
    const trained = study.trials.filter((trial) => trial.replayedFrom === null);
    const replayed = study.trials.filter((trial) => trial.replayedFrom !== null);
    expect(trained).toHaveLength(2);
    expect(replayed.length).toBe(replayedEvents.reduce((sum, event) => sum + (event.trials?.length ?? 0), 0));
    expect(replayed.length).toBeGreaterThan(0);
    for (const trial of replayed) expect(trained.map((source) => source.number)).toContain(trial.replayedFrom);
    expect(study.study.cost).toMatchObject({ replayed: replayed.length });
    expect(study.study.cost.trained + study.study.cost.pruned).toBe(2);
    expect(study.study.cost.measurementTokens).toBeGreaterThan(0);

    const text = await runCli(['show', '--study', 'tiny-replay', '--storage', storage]);
    expect(text.stdout).toMatch(/^search cost: .+ tokens \(.+ in the folds of .+, .+ in grid measurements\).*; \d+ trials? replayed at no training cost$/m);

    const again = await runCli(['replay', '--study', 'tiny-replay', '--space', space, '--storage', storage]);
    expect(again.stderr).toBe('');
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/^replayed .+ stopping rules on the curves of \d trained trials of study tiny-replay \(grid 1\.0k training tokens, budget 24\.0k tokens\/run\): \d+ recipes scored, at no training cost$/m);
    expect(again.stdout).toMatch(/^  tokens .+, EM \d\.\d{3}( ± \d\.\d{3})?  from trial #\d+  /m);
  });
});
