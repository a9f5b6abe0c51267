import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runServe, runServeCommand } from '../../src/serve/index.js';

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
  it('answers each request line with one JSON line, in order, skipping blank lines', async () => {
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    const output = collect(stdout);
    const done = runServe({ stdin, stdout });
    stdin.write(`${CREATE}\n{"op":"ask","n":2}\n\n`);
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
});

describe('runServeCommand', () => {
  it('requires --stdio and rejects unknown arguments with exit code 2', async () => {
    const io = () => ({ stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough() });
    const withoutStdio = io();
    const errors = collect(withoutStdio.stderr);
    expect(await runServeCommand([], withoutStdio)).toBe(2);
    expect(errors()).toMatch(/serve: the only transport is --stdio/);
    expect(await runServeCommand(['--stdio', '--port'], io())).toBe(2);
    const help = io();
    const helpText = collect(help.stdout);
    expect(await runServeCommand(['--help'], help)).toBe(0);
    expect(helpText()).toMatch(/usage: stopwise serve --stdio/);
  });

  it('serves a whole session end to end in a separate process', async () => {
    const child = spawn(process.execPath, ['bin/run-ts.js', 'test/serve/fixtures/serve-stdio.ts', '--stdio'], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const exit = new Promise<number | null>((resolveExit) => child.on('close', resolveExit));
    child.stdin.end(`${CREATE}\n{"op":"ask"}\n{"op":"tell","id":0,"values":[0.5,0.5]}\n{"op":"tell","id":0,"values":[0.5,0.5]}\n{"op":"front"}\n`);
    expect(await exit).toBe(0);
    expect(stderr).toBe('');
    const lines = stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((line) => line.ok)).toEqual([true, true, true, false, true]);
    expect(lines[4]).toMatchObject({ front: [{ id: 0, values: [0.5, 0.5] }] });
  });
});

/**
 * Every module `src/serve` imports, transitively (relative imports resolved to the .ts files), and the bare
 * package names they import. Static imports only: a lazy `import()` would show up as a call, also matched.
 */
function importGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)) {
      const specifier = match[1];
      if (specifier.startsWith('.')) pending.push(resolve(dirname(file), specifier.replace(/\.js$/, '.ts')));
      else packages.add(specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]);
    }
  }
  return { files, packages };
}

describe('serve stays light', () => {
  it('never imports TensorFlow, ink, React or storage (transitively)', () => {
    const { files, packages } = importGraph(resolve(ROOT, 'src/serve/index.ts'));
    expect(files.size).toBeGreaterThan(10);
    const heavy = [...packages].filter((name) => /^@tensorflow|^ink$|^react$|^better-sqlite3$|^vega/.test(name));
    expect(heavy).toEqual([]);
    const forbiddenFolders = [...files].filter((file) => /src\/(trainer|storage|tui|export)\//.test(file));
    expect(forbiddenFolders).toEqual([]);
    // It does use the optimizer's own modules.
    expect([...files].some((file) => file.endsWith('src/gp/fit.ts'))).toBe(true);
  });
});
