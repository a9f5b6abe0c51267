import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { dumpStudy } from '../../../src/storage/copy-study.js';
import { openStorage } from '../../../src/storage/index.js';
import { foldResult, studyInput, trialResult } from '../../storage/storage-contract.js';

const dir = mkdtempSync(join(tmpdir(), 'stopwise-studies-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let counter = 0;
const freshUrl = () => `sqlite:${join(dir, `s${counter++}.db`)}`;

/** Runs the CLI in this process; resolves with its exit code and output. */
async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const sink = (append: (text: string) => void) =>
    new Writable({
      write(chunk, _encoding, done) {
        append(String(chunk));
        done();
      },
    });
  const code = await main(argv, {
    stdin: new PassThrough(),
    stdout: sink((text) => (stdout += text)),
    stderr: sink((text) => (stderr += text)),
    cwd: dir,
    env: {},
  });
  return { code, stdout, stderr };
}

/** A storage holding studies `alpha` (a complete trial with folds, a stale one) and `beta` (empty). */
async function populated(): Promise<string> {
  const url = freshUrl();
  const storage = await openStorage(url);
  const alpha = await storage.createStudy(studyInput('alpha'));
  const done = (await storage.reserveTrial(alpha.id, { workerId: 'w' }))!;
  await storage.setTrialParams(done.id, { lr: 0.01 });
  await storage.finishTrial(done.id, { state: 'complete', values: [10, 0.5], stderr: [1, 0.1], result: trialResult([foldResult(0), foldResult(1)]) });
  const stale = (await storage.reserveTrial(alpha.id, { workerId: 'w' }))!;
  await storage.saveFold(stale.id, foldResult(0));
  await storage.markTrialStale(stale.id);
  await storage.createStudy(studyInput('beta'));
  await storage.close();
  return url;
}

describe('stopwise studies copy', () => {
  it('copies every study, or the one --study names, with its trials and folds', async () => {
    const from = await populated();
    const everything = freshUrl();
    const all = await run(['studies', 'copy', '--from', from, '--to', everything]);
    expect(all).toMatchObject({ code: 0, stderr: '' });
    expect(all.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(/^copied study alpha \(2 trials\) from sqlite:.* to sqlite:/),
      expect.stringMatching(/^copied study beta \(0 trials\) from /),
    ]);
    const source = await openStorage(from);
    const target = await openStorage(everything);
    try {
      const original = (await dumpStudy(source, 'alpha'))!;
      const copied = (await dumpStudy(target, 'alpha'))!;
      expect(copied.trials).toEqual(original.trials.map((t) => ({ ...t, trial: { ...t.trial, studyId: copied.study.id } })));
    } finally {
      await source.close();
      await target.close();
    }

    const onlyBeta = freshUrl();
    expect((await run(['studies', 'copy', '--from', from, '--to', onlyBeta, '--study', 'beta'])).code).toBe(0);
    const listed = await run(['studies', '--storage', onlyBeta, '--json']);
    expect((JSON.parse(listed.stdout) as { studies: { name: string }[] }).studies.map((s) => s.name)).toEqual(['beta']);
  });

  it('refuses, in one line with exit 2, a missing flag, an unknown subcommand or study, the same storage, a study the target has', async () => {
    const from = await populated();
    const to = freshUrl();
    expect((await run(['studies', 'copy', '--from', from, '--to', to, '--study', 'beta'])).code).toBe(0);
    const cases: [string[], RegExp][] = [
      [['studies', 'copy', '--from', from], /^stopwise: --to: required/],
      [['studies', 'move', '--from', from, '--to', to], /^stopwise: studies: unknown subcommand "move"/],
      [['studies', 'copy', '--from', from, '--to', to, '--study', 'gamma'], /^stopwise: --study: no study named "gamma" in .* \(studies: alpha, beta\)/],
      [['studies', 'copy', '--from', from, '--to', from], /^stopwise: --to: names the same storage as --from/],
      [['studies', 'copy', '--from', from, '--to', to], /^stopwise: --to: a study named "beta" already exists in /],
    ];
    for (const [argv, message] of cases) {
      const result = await run(argv);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    }
    // Nothing was written by the refused copy of every study: alpha is not in the target.
    const listed = await run(['studies', '--storage', to, '--json']);
    expect((JSON.parse(listed.stdout) as { studies: { name: string }[] }).studies.map((s) => s.name)).toEqual(['beta']);
  });
});

describe('stopwise studies', () => {
  it('lists each study\'s trials by state, with replayed and pruned trials in columns of their own', async () => {
    const url = await populated();
    const storage = await openStorage(url);
    const alpha = (await storage.getStudy('alpha'))!;
    const replay = { params: { lr: 0.01, patience: 2 }, values: [5, 0.45], stderr: [1, 0.1], result: trialResult([foldResult(0), foldResult(1)]), replayedFrom: 0 };
    await storage.addReplayedTrials(alpha.id, [replay, replay]);
    const raced = (await storage.reserveTrial(alpha.id, { workerId: 'w' }))!;
    await storage.finishTrial(raced.id, { state: 'pruned', result: trialResult([foldResult(0)]) });
    await storage.close();

    const table = await run(['studies', '--storage', url]);
    expect(table.stdout.split('\n').slice(0, 3).map((line) => line.replace(/\S+Z$/, 'TIME'))).toEqual([
      'study  complete  replayed  pruned  running  failed  stale  created',
      'alpha         3         2       1        0       0      1  TIME',
      'beta          0         0       0        0       0      0  TIME',
    ]);
    const listed = JSON.parse((await run(['studies', '--storage', url, '--json'])).stdout) as { studies: { counts: unknown }[] };
    expect(listed.studies[0].counts).toEqual({ running: 0, complete: 3, failed: 0, stale: 1, pruned: 1, replayed: 2 });
  });
});
