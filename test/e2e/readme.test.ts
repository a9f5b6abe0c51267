import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commandHelp } from '../../src/cli/help.js';
import { ROOT } from '../helpers/cli.js';
import { cliRuns, timeoutFor } from '../helpers/timeouts.js';

// The README's examples, run as a reader would run them: the exact text of the README, from the project folder.

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'stopwise-readme-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs a shell command line in the project folder; npx resolves `stopwise` to this project's own bin. */
function shell(command: string, input = ''): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    // Offline: `npx stopwise` must find this project, never download anything.
    const child = spawn('sh', ['-c', command], { cwd: ROOT, env: { ...process.env, npm_config_offline: 'true' } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(input);
  });
}

/** The fenced code block that follows `heading` (its first block, or the first in `language`). */
function codeBlockAfter(heading: string, language = ''): string {
  const start = README.indexOf(heading);
  expect(start, heading).toBeGreaterThanOrEqual(0);
  const match = new RegExp('```' + language + '\\n([\\s\\S]*?)```').exec(README.slice(start));
  expect(match, `${language || 'code'} block after ${heading}`).not.toBeNull();
  return match![1];
}

describe('README', () => {
  it('names only search-space files that exist', () => {
    const named = [...new Set(README.match(/search-spaces\/[\w./-]+\.json(?!\w)/g) ?? [])];
    expect(named.length).toBeGreaterThan(1);
    for (const path of named) expect(existsSync(join(ROOT, path)), path).toBe(true);
  });

  it("replays the stdio transcript verbatim: every reply, byte for byte", { timeout: timeoutFor(cliRuns(1)) }, async () => {
    const lines = codeBlockAfter('### Ask/tell from any language').trimEnd().split('\n');
    expect(lines[0]).toMatch(/^\$ /);
    const requests = lines.filter((line) => line.startsWith('→')).map((line) => (line === '→' ? '' : line.slice(2)));
    const replies = lines.filter((line) => line.startsWith('←')).map((line) => line.slice(2));
    expect(requests).toContain('');
    expect(replies).toHaveLength(requests.length);
    const run = await shell(lines[0].slice(2), requests.map((line) => `${line}\n`).join(''));
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout.trimEnd().split('\n')).toEqual(replies);
  });

  it('runs the Python client', { timeout: timeoutFor(cliRuns(1)) }, async () => {
    const script = join(dir, 'client.py');
    writeFileSync(script, codeBlockAfter('### Ask/tell from any language', 'python'));
    const run = await shell(`python3 ${script}`);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^[1-9]\d* trials on the front, hypervolume 0\.\d{3}\n$/);
  });

  // The default space: three folds of at most 3M tokens each (the threshold rule usually ends them far sooner).
  const trainWork = { trainings: 3, tokens: 3_000_000, starts: 1 };
  it("runs the train example of the command table, which is train --help's example", { timeout: timeoutFor(trainWork) }, async () => {
    const example = /`(npx stopwise train [^`]+)`/.exec(README)?.[1];
    expect(example).toBeDefined();
    expect(commandHelp('train')).toContain(`  ${example!.replace(/^npx /, '')}\n`);
    const run = await shell(example!);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^defaults for the parameters left out: learningRate=0\.015, width=128, stopping\.evalEvery=25000, stopping\.warmup=0$/m);
    expect(run.stdout).toMatch(/^training threshold\(target=0\.90/m);
    expect(run.stdout).toMatch(/^tokens \d+(\.\d+)?[kM]? ± \d+(\.\d+)?[kM]?  EM 0\.\d{3} ± 0\.\d{3}/m);
  });
});
