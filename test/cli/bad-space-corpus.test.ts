import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { fakeIo } from '../helpers/fake-io.js';
import { TINY_SPACE } from '../helpers/cli.js';

// The bad-input corpus: malformed search-space files, each refused by `search` at load with exit code 2 and one line
// naming the file and the JSON path, before anything is written. Each case is the tiny space with one fault.
// The first case loads the CLI's modules; on a loaded machine that takes seconds.
vi.setConfig({ testTimeout: 60_000 });
const dir = mkdtempSync(join(tmpdir(), 'stopwise-corpus-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Space = Record<string, any>;
const base = (): Space => JSON.parse(readFileSync(TINY_SPACE, 'utf8')) as Space;
const withParams = (params: Space): ((space: Space) => void) => (space) => Object.assign(space.params, params);

interface Case {
  name: string;
  /** A change to the tiny space, or the file's whole text (string) or bytes. */
  fault: ((space: Space) => void) | string | Buffer;
  /** The JSON path the message must name (or, for text that is not JSON, the words naming the problem). */
  at: string;
}

const manyParams = (): string => {
  const params: Record<string, unknown> = {};
  for (let i = 0; i < 30_000; i++) params[`p${i}`] = { type: 'float', low: 0, high: 1 };
  return JSON.stringify({ ...base(), params });
};

const CASES: Case[] = [
  // resources and loops
  { name: 'a billion folds', fault: (s) => (s.folds = 1e9), at: '$.folds' },
  { name: 'more folds than examples can give', fault: (s) => Object.assign(s, { folds: 20, task: { name: 'addition', digits: 1, examples: 12, seed: 1 } }), at: '$.folds' },
  { name: 'a JSONL task of two lines and two folds', fault: (s) => (s.task = { name: 'jsonl', path: 'two-lines.jsonl' }), at: '$.folds' },
  { name: 'a JSONL maxLength of 0', fault: (s) => (s.task = { name: 'jsonl', path: 'two-lines.jsonl', maxLength: 0 }), at: '$.task.maxLength' },
  // recipe limits only a trial used to check
  { name: 'patience 0', fault: withParams({ 'stopping.patience': { type: 'int', low: 0, high: 3, when: 'stopping.rule == "patience"' } }), at: '$.params["stopping.patience"].low' },
  { name: 'threshold target above 1', fault: withParams({ 'stopping.target': { type: 'float', low: 0.5, high: 1.5, when: 'stopping.rule == "threshold"' } }), at: '$.params["stopping.target"].high' },
  { name: 'evalEvery 0', fault: (s) => (s.derived['stopping.evalEvery'] = '0'), at: '$.derived["stopping.evalEvery"]' },
  { name: 'evalEvery range from 0', fault: (s) => { delete s.derived['stopping.evalEvery']; s.params['stopping.evalEvery'] = { type: 'int', low: 0, high: 5000 }; }, at: '$.params["stopping.evalEvery"].low' },
  { name: 'a negative learning rate', fault: withParams({ learningRate: { type: 'float', low: -0.1, high: 0.01 } }), at: '$.params.learningRate.low' },
  { name: 'batch size 0', fault: (s) => (s.derived.batchSize = '0'), at: '$.derived.batchSize' },
  { name: 'batch size range from 0', fault: (s) => { delete s.derived.batchSize; s.params.batchSize = { type: 'int', low: 0, high: 64 }; }, at: '$.params.batchSize.low' },
  { name: 'a float batch size', fault: (s) => { delete s.derived.batchSize; s.params.batchSize = { type: 'float', low: 8, high: 64 }; }, at: '$.params.batchSize.type' },
  { name: 'dropout 1', fault: withParams({ dropout: { type: 'categorical', choices: [0, 1] } }), at: '$.params.dropout.choices[1]' },
  { name: 'an unknown optimizer', fault: withParams({ optimizer: { type: 'categorical', choices: ['adam', 'lion'] } }), at: '$.params.optimizer.choices[1]' },
  { name: 'a numeric optimizer', fault: withParams({ optimizer: { type: 'int', low: 0, high: 3 } }), at: '$.params.optimizer.type' },
  { name: 'width choices of mixed types', fault: withParams({ width: { type: 'categorical', choices: [16, '32', true] } }), at: '$.params.width.choices[1]' },
  { name: 'a rule name in the wrong case', fault: withParams({ 'stopping.rule': { type: 'categorical', choices: ['none', 'Patience'] } }), at: '$.params["stopping.rule"].choices[1]' },
  { name: 'an unknown rule', fault: withParams({ 'stopping.rule': { type: 'categorical', choices: ['none', 'magic'] } }), at: '$.params["stopping.rule"].choices[1]' },
  { name: 'a numeric rule', fault: withParams({ 'stopping.rule': { type: 'int', low: 0, high: 2 } }), at: '$.params["stopping.rule"].type' },
  { name: 'an unknown metric', fault: (s) => { s.params['stopping.rule'].choices = ['patience']; s.params['stopping.metric'] = { type: 'categorical', choices: ['devEm', 'devAcc'] }; }, at: '$.params["stopping.metric"].choices[1]' },
  { name: 'a negative warmup', fault: withParams({ 'stopping.warmup': { type: 'float', low: -5, high: 5 } }), at: '$.params["stopping.warmup"].low' },
  { name: 'restoreBest as a float', fault: withParams({ 'stopping.restoreBest': { type: 'float', low: 0, high: 1 } }), at: '$.params["stopping.restoreBest"].type' },
  { name: 'an extrapolate bound above 1', fault: withParams({ 'stopping.rule': { type: 'categorical', choices: ['extrapolate'] }, 'stopping.bound': { type: 'float', low: 0, high: 2 } }), at: '$.params["stopping.bound"].high' },
  { name: 'an unknown training parameter', fault: withParams({ learningrate: { type: 'float', low: 0.001, high: 0.01 } }), at: '$.params.learningrate' },
  { name: 'an unknown stopping parameter', fault: withParams({ 'stopping.patiance': { type: 'int', low: 1, high: 3 } }), at: '$.params["stopping.patiance"]' },
  { name: 'an unknown derived name', fault: (s) => (s.derived.batchsize = '32'), at: '$.derived.batchsize' },
  { name: 'heads that do not divide the embedding', fault: withParams({ heads: { type: 'categorical', choices: [3, 5] } }), at: '$.params' },
  { name: 'depth above the limit', fault: withParams({ depth: { type: 'int', low: 1, high: 100 } }), at: '$.params.depth.high' },
  { name: 'a constraint no recipe satisfies', fault: (s) => (s.constraints = ['learningRate > 1']), at: '$.constraints' },
  { name: 'an unknown objective', fault: (s) => (s.objectives[1].name = 'accuracy'), at: '$.objectives[1].name' },
  { name: 'an objective named __proto__', fault: (s) => (s.objectives[1].name = '__proto__'), at: '$.objectives[1].name' },
  // parsing
  { name: '30,000 parameters', fault: manyParams(), at: '$.params' },
  { name: 'an expression of 200,000 terms', fault: withParams({ depth: { type: 'int', low: 1, high: 2, when: Array(200_000).fill('learningRate').join(' + ') + ' > 0' } }), at: '$.params.depth.when' },
  { name: 'a parameter named __proto__', fault: `{"name":"p","task":{"name":"addition"},"folds":2,"budget":{"maxTokensPerRun":24000},"objectives":[{"name":"tokens","direction":"minimize"}],"params":{"__proto__":{"type":"float","low":0,"high":1}}}`, at: '$.params.__proto__' },
  { name: 'a derived value named __proto__', fault: (s) => (s.derived = JSON.parse('{"__proto__": "32"}')), at: '$.derived.__proto__' },
  { name: 'a lone surrogate in the name', fault: JSON.stringify(base()).replace('"name":"tiny"', '"name":"ti\\ud800ny"'), at: '$.name' },
  { name: 'bytes that are not UTF-8 in the name', fault: Buffer.concat([Buffer.from('{"name":"ti'), Buffer.from([0xff, 0xfe]), Buffer.from(JSON.stringify(base()).slice('{"name":"ti'.length))]), at: '$.name' },
  { name: 'ANSI escapes in the name', fault: (s) => (s.name = 'x\u001b[2J\u001b[Hy'), at: '$.name' },
  { name: 'a span beyond the largest number', fault: withParams({ learningRate: { type: 'float', low: -1e308, high: 1e308 } }), at: '$.params.learningRate.high' },
  { name: 'a budget of 1e-300 tokens', fault: (s) => (s.budget.maxTokensPerRun = 1e-300), at: '$.budget.maxTokensPerRun' },
  { name: 'a duplicate key', fault: JSON.stringify(base()).replace('"folds":2', '"folds":2,"folds":3'), at: '$.folds' },
  { name: 'nesting 100,000 levels deep', fault: '['.repeat(100_000), at: 'nested more than' },
  { name: 'not JSON', fault: '{"name": tiny}', at: 'invalid JSON at line 1 column 10' },
];

function writeCase(index: number, fault: Case['fault']): string {
  const path = join(dir, `case-${index}.json`);
  if (typeof fault === 'function') {
    const space = base();
    fault(space);
    writeFileSync(path, JSON.stringify(space, null, 2));
  } else {
    writeFileSync(path, fault);
  }
  return path;
}

writeFileSync(join(dir, 'two-lines.jsonl'), '{"input":"a","target":"b"}\n{"input":"c","target":"d"}\n');

describe('search refuses every malformed space file at load', () => {
  it.each(CASES.map((testCase, index) => ({ ...testCase, index })))('$name', async ({ fault, at, index }) => {
    const path = writeCase(index, fault);
    const db = join(dir, `case-${index}.db`);
    const io = fakeIo(dir);
    const code = await main(['search', path, '--storage', `sqlite:${db}`, '--trials', '1', '--no-tui'], io);
    expect({ code, stdout: io.out() }).toEqual({ code: 2, stdout: '' });
    const lines = io.err().split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0].startsWith(`stopwise: ${path}: `)).toBe(true);
    expect(lines[0]).toContain(at.startsWith('$') ? `: ${at}: ` : at);
    expect(lines[0]).not.toMatch(/[\u0000-\u001f\u007f]/);
    expect(existsSync(db)).toBe(false);
  });
});

// JSONL data a search cannot train on: refused at load with exit 2 and one line naming the data file.
const wideVocabulary = Array.from({ length: 60 }, (_, k) =>
  JSON.stringify({ input: Array.from({ length: 10 }, (_, j) => String.fromCodePoint(0x100 + 10 * k + j)).join(''), target: 'x' }),
).join('\n');
const DATA_CASES: { name: string; text: string; spec?: Record<string, unknown>; message: RegExp }[] = [
  { name: 'an empty file', text: '', message: /: no examples/ },
  { name: 'a file of blank lines', text: '\n  \n\r\n', message: /: no examples/ },
  { name: 'more distinct characters than the tokenizer holds', text: wideVocabulary, message: /: 601 distinct characters, more than the 511 .* line 52\)$/ },
  { name: 'every line longer than maxLength', text: '{"input":"abcdef","target":"b"}\n', spec: { maxLength: 3 }, message: /: every example is longer than 3 characters/ },
  { name: 'a bad line', text: '{"input":"a","target":"b"}\n{"input":"a"}\n', message: /:2: missing "target"$/ },
];

describe('search refuses JSONL data it cannot train on', () => {
  it.each(DATA_CASES.map((testCase, index) => ({ ...testCase, index })))('$name', async ({ text, spec, message, index }) => {
    const data = join(dir, `data-${index}.jsonl`);
    writeFileSync(data, text);
    const path = writeCase(1000 + index, (space) => (space.task = { name: 'jsonl', path: data, ...spec }));
    const db = join(dir, `data-${index}.db`);
    const io = fakeIo(dir);
    const code = await main(['search', path, '--storage', `sqlite:${db}`, '--trials', '1', '--no-tui'], io);
    expect({ code, stdout: io.out() }).toEqual({ code: 2, stdout: '' });
    const lines = io.err().split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0].startsWith(`stopwise: ${data}`)).toBe(true);
    expect(lines[0]).toMatch(message);
    expect(existsSync(db)).toBe(false);
  });
});

describe('search refuses a study name that could drive the terminal', () => {
  it('--study with an escape sequence: exit 2, one escaped line, nothing written', async () => {
    const db = join(dir, 'escape.db');
    const io = fakeIo(dir);
    const code = await main(['search', TINY_SPACE, '--study', 'x\u001b[2Jy', '--storage', `sqlite:${db}`, '--no-tui'], io);
    expect(code).toBe(2);
    expect(io.err()).toBe('stopwise: --study: must not contain control characters (got "x\\u001b[2Jy")\n');
    expect(existsSync(db)).toBe(false);
  });
});
