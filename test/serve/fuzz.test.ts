import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { describe, expect, it, vi } from 'vitest';
import { createRng, type Rng } from '../../src/random/rng.js';
import { CLI, ROOT } from '../helpers/cli.js';

vi.setConfig({ testTimeout: 240_000 });

// A seeded, bounded fuzz of `serve --stdio`: well-formed requests mixed with broken ones (mutated bytes, cut lines,
// wrong types, huge or non-finite numbers, deep nesting, "__proto__" keys, lone surrogates, bare CRs, asks for
// huge batches). Every line must get exactly one JSON reply, memory must stay bounded, and the session must still
// work afterwards.
const LINES = 2500;
const SEED = 20261130;

const pick = <T>(rng: Rng, items: readonly T[]): T => items[rng.int(items.length)];

function createLine(rng: Rng): string {
  const params: Record<string, unknown> = { x: { type: 'float', low: 0, high: 1 } };
  if (rng.next() < 0.5) params.k = { type: 'categorical', choices: ['a', 'b', 3, true] };
  if (rng.next() < 0.5) params.n = { type: 'int', low: 1, high: 8, log: rng.next() < 0.5 };
  return JSON.stringify({
    op: 'create',
    space: { params, ...(rng.next() < 0.3 ? { constraints: ['x < 0.9'] } : {}) },
    objectives: [
      { name: 'f1', direction: 'minimize' },
      { name: 'f2', direction: pick(rng, ['minimize', 'maximize']) },
    ],
    seed: rng.int(1000),
    // The GP sampler is exercised too, on the short-lived studies a fuzz makes.
    sampler: pick(rng, ['random', 'sobol', 'random', 'gp-ehvi']),
  });
}

const WEIRD_VALUES: unknown[] = [null, -1, 0, 1.5, 1e308, -1e308, 'x', '', [], {}, [1], true, 2 ** 53, 1e9, 65];

function validLine(rng: Rng, lastId: number): string {
  const id = rng.next() < 0.8 ? rng.int(lastId + 2) : pick(rng, WEIRD_VALUES);
  switch (rng.int(6)) {
    case 0:
      return createLine(rng);
    case 1:
      return JSON.stringify({ op: 'ask' });
    case 2:
      return JSON.stringify({ op: 'ask', n: rng.next() < 0.7 ? 1 + rng.int(3) : pick(rng, WEIRD_VALUES) });
    case 3:
      return JSON.stringify({ op: 'tell', id, values: [rng.next(), rng.next()] });
    case 4:
      return JSON.stringify({ op: 'tell', id, values: [pick(rng, WEIRD_VALUES), pick(rng, WEIRD_VALUES)], ...(rng.next() < 0.3 ? { state: pick(rng, ['failed', 'complete', 'x']) } : {}) });
    default:
      return JSON.stringify({ op: 'front' });
  }
}

function brokenLine(rng: Rng, lastId: number): string {
  const line = validLine(rng, lastId);
  switch (rng.int(9)) {
    case 0: // flip a few characters
      return [...line].map((char) => (rng.next() < 0.05 ? String.fromCharCode(32 + rng.int(95)) : char)).join('');
    case 1: // cut
      return line.slice(0, 1 + rng.int(line.length - 1));
    case 2:
      return `${'['.repeat(1000 + rng.int(5000))}`;
    case 3:
      return line.replace('"op"', '"__proto__":{"op":"front"},"op"');
    case 4:
      return line.replace('"f1"', '"f\\ud800"').replace('"op"', '"o\\udc00p"');
    case 5:
      return `${line}\r${validLine(rng, lastId)}`;
    case 6:
      return JSON.stringify({ op: pick(rng, ['ASK', 'delete', 7, null]) });
    case 7:
      return `{"op":"ask","n":${pick(rng, ['1000', '1e9', '-1', '1.5', '"4"', 'null', '64'])}}`;
    default:
      return pick(rng, ['null', '[]', '"op"', '42', 'tru', '{"op":"ask"', '\u0000\u0001', '{"op":"create","space":{"params":{"x":{"type":"float","low":0,"high":1e999}}}}']);
  }
}

function statusField(pid: number, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1]);
}

describe('serve --stdio under fuzzed input', () => {
  it('answers every line with one JSON reply, stays within 300 MB, and still works afterwards', async () => {
    const rng = createRng(SEED);
    const lines: string[] = [createLine(rng)];
    for (let i = 1; i < LINES; i++) lines.push(rng.next() < 0.6 ? validLine(rng, i) : brokenLine(rng, i));
    const session = [
      JSON.stringify({ op: 'create', space: { params: { x: { type: 'float', low: 0, high: 1 } } }, objectives: [{ name: 'f1', direction: 'minimize' }, { name: 'f2', direction: 'minimize' }], seed: 1, sampler: 'random' }),
      '{"op":"ask"}',
      '{"op":"tell","id":0,"values":[0.5,0.25]}',
      '{"op":"front"}',
    ];

    const child = spawn(process.execPath, [CLI, 'serve', '--stdio'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const replies: string[] = [];
    const reader = createInterface({ input: child.stdout });
    const total = lines.length + session.length;
    let peakThreads = 0;
    const allAnswered = new Promise<void>((resolve) => {
      reader.on('line', (line) => {
        replies.push(line);
        peakThreads = Math.max(peakThreads, statusField(child.pid!, 'Threads'));
        if (replies.length === total) resolve();
      });
    });
    child.stdin.write([...lines, ...session].join('\n') + '\n');
    await allAnswered;
    const peakKiB = statusField(child.pid!, 'VmHWM');
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    child.stdin.end();
    expect(await exited).toBe(0);

    expect(stderr).toBe('');
    expect(replies).toHaveLength(total);
    for (const reply of replies) {
      const parsed = JSON.parse(reply) as { ok: unknown; error?: unknown };
      expect(typeof parsed.ok).toBe('boolean');
      if (parsed.ok === false) {
        expect(typeof parsed.error).toBe('string');
        expect(parsed.error).not.toMatch(/internal error/);
      }
    }
    const okCount = replies.filter((reply) => (JSON.parse(reply) as { ok: boolean }).ok).length;
    expect(okCount).toBeGreaterThan(LINES / 10);
    expect(okCount).toBeLessThan(LINES);

    const [created, asked, told, front] = replies.slice(-4).map((reply) => JSON.parse(reply) as Record<string, any>);
    expect(created).toEqual({ ok: true });
    expect(asked).toMatchObject({ ok: true, trial: { id: 0 } });
    expect(told).toEqual({ ok: true });
    expect(front).toMatchObject({ ok: true, front: [{ id: 0, values: [0.5, 0.25] }] });

    if (process.env.SHOW_RESOURCES) console.log({ peakMiB: peakKiB / 1024, peakThreads, okCount });
    expect(peakKiB / 1024).toBeLessThan(300);
    expect(peakThreads).toBeLessThan(16);
  });
});
