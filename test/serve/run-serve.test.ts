import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runServe } from '../../src/serve/index.js';
import { importClosure } from '../helpers/import-closure.js';
import { cliRuns, timeoutFor } from '../helpers/timeouts.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CREATE = JSON.stringify({
  op: 'create',
  space: { params: { x: { type: 'float', low: 0, high: 1 }, y: { type: 'float', low: 0, high: 1 } } },
  objectives: [
    { name: 'f1', direction: 'minimize' },
    { name: 'f2', direction: 'minimize' },
  ],
  seed: 0,
  sampler: 'random',
});

function collect(stream: PassThrough): () => string {
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  return () => text;
}

describe('runServe', () => {
  it('answers each request line with one JSON line, in order', async () => {
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    const output = collect(stdout);
    const done = runServe({ stdin, stdout });
    stdin.write(`${CREATE}\n{"op":"ask","n":2}\n`);
    stdin.write('not json\r\n{"op":"tell","id":0,"values":[0.2,0.4]}\n{"op":"front"}');
    stdin.end();
    await done;
    const lines = output().trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(5);
    expect(lines[0]).toEqual({ ok: true });
    expect((lines[1].trials as unknown[]).length).toBe(2);
    expect(lines[2]).toMatchObject({ ok: false });
    expect(lines[3]).toEqual({ ok: true });
    expect(lines[4]).toMatchObject({ ok: true, front: [{ id: 0, values: [0.2, 0.4] }] });
  });

  it('answers a blank line too, so a client that waits for one reply per line never hangs', async () => {
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    const output = collect(stdout);
    const done = runServe({ stdin, stdout });
    stdin.write(`${CREATE}\n\n   \r\n{"op":"ask"}\n`);
    stdin.end();
    await done;
    const lines = output().trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(4);
    expect(lines[1]).toEqual({ ok: false, error: 'empty line: expected one JSON object per line' });
    expect(lines[2]).toEqual(lines[1]);
    expect(lines[3]).toMatchObject({ ok: true, trial: { id: 0 } });
  });
});

describe('stopwise serve (the CLI)', () => {
  const runCli = (args: string[], input: string) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolveRun) => {
      const child = spawn(process.execPath, ['bin/stopwise.js', ...args], { cwd: ROOT });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      child.on('close', (status) => resolveRun({ status, stdout, stderr }));
      child.stdin.end(input);
    });

  it('requires --stdio and rejects unknown arguments with exit code 2 and one line', { timeout: timeoutFor(cliRuns(3)) }, async () => {
    const without = await runCli(['serve'], '');
    expect(without.status).toBe(2);
    expect(without.stderr).toMatch(/^stopwise: --stdio: required \(usage: stopwise serve --stdio\)$/m);
    const unknown = await runCli(['serve', '--stdio', '--port', '80'], '');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
    const help = await runCli(['serve', '--help'], '');
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/usage: stopwise serve --stdio/);
  });

  it('serves a whole session end to end in a separate process', { timeout: timeoutFor(cliRuns(1)) }, async () => {
    const { status, stdout, stderr } = await runCli(
      ['serve', '--stdio'],
      `${CREATE}\n{"op":"ask"}\n{"op":"tell","id":0,"values":[0.5,0.5]}\n{"op":"tell","id":0,"values":[0.5,0.5]}\n{"op":"front"}\n`,
    );
    expect(status).toBe(0);
    expect(stderr).toBe('');
    const lines = stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((line) => line.ok)).toEqual([true, true, true, false, true]);
    expect(lines[4]).toMatchObject({ front: [{ id: 0, values: [0.5, 0.5] }] });
  });
});

describe('serve stays light', () => {
  it('never imports TensorFlow, ink, React, SQLite or PostgreSQL (transitively): its studies live in the memory storage', () => {
    const { files, packages } = importClosure(resolve(ROOT, 'src/cli/commands/serve.ts'), { dynamic: true });
    expect(files.length).toBeGreaterThan(10);
    const heavy = [...packages].filter((name) => /^@tensorflow|^ink$|^react$|^better-sqlite3$|^pg$|^vega/.test(name));
    expect(heavy).toEqual([]);
    const forbiddenFolders = files.filter((file) => /^src\/(trainer|storage\/sqlite|storage\/postgres|tui|export)\//.test(file));
    expect(forbiddenFolders).toEqual([]);
    expect(files).toContain('src/storage/memory.ts');
    // It does use the optimizer's own modules.
    expect(files).toContain('src/gp/fit.ts');
  });
});
