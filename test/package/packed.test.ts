/**
 * The package as users get it: `npm pack`, installed into a fresh project, used from plain Node and from
 * TypeScript. The project's dependencies are linked in from this checkout's node_modules (the tests run offline),
 * but only those package.json declares for run time (`dependencies` and `optionalDependencies`): an import of a
 * development dependency such as tsx, or of a file left out of the tarball, fails here.
 */
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  dependencies: Record<string, string>;
  optionalDependencies?: Record<string, string>;
};

let temp: string;
let project: string;
let tarballFiles: string[];

function link(name: string): void {
  const target = join(ROOT, 'node_modules', name);
  if (!existsSync(target)) return; // an optional dependency this machine did not install
  const path = join(project, 'node_modules', name);
  mkdirSync(dirname(path), { recursive: true });
  symlinkSync(target, path, 'dir');
}

beforeAll(() => {
  temp = mkdtempSync(join(tmpdir(), 'stopwise-packed-'));
  // dist/ is fresh (scripts/build-if-stale.mjs), so the pack skips `prepare` instead of building a second time.
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', temp], { cwd: ROOT, encoding: 'utf8' }),
  ) as { filename: string; files: { path: string }[] }[];
  tarballFiles = packed[0].files.map((file) => file.path);
  project = join(temp, 'project');
  const installed = join(project, 'node_modules', manifest.name);
  mkdirSync(installed, { recursive: true });
  execFileSync('tar', ['-xzf', join(temp, packed[0].filename), '-C', installed, '--strip-components=1']);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  for (const name of [...Object.keys(manifest.dependencies), ...Object.keys(manifest.optionalDependencies ?? {})]) link(name);
}, 120_000);

afterAll(() => {
  if (temp) rmSync(temp, { recursive: true, force: true });
});

describe('the packed package', () => {
  it('holds the compiled library and CLI, and no TypeScript sources or tests', () => {
    expect(tarballFiles).toEqual(expect.arrayContaining(['package.json', 'bin/stopwise.js', 'dist/index.js', 'dist/index.d.ts', 'dist/cli/main.js']));
    expect(tarballFiles.filter((path) => /\.tsx?$/.test(path) && !path.endsWith('.d.ts'))).toEqual([]);
    expect(tarballFiles.filter((path) => /^(src|test|benchmarks)\//.test(path))).toEqual([]);
  });

  it('runs an ask/tell loop from plain Node (ESM)', () => {
    const script = `
      import { createStudy } from 'stopwise';
      const study = await createStudy({
        space: { params: { x: { type: 'float', low: 0, high: 1 } } },
        objectives: [{ name: 'cost', direction: 'minimize' }, { name: 'gain', direction: 'maximize' }],
        seed: 1,
      });
      for (let i = 0; i < 4; i++) {
        const trial = await study.ask();
        await study.tell(trial.id, [trial.params.x, trial.params.x ** 0.5]);
      }
      const front = await study.front();
      console.log(JSON.stringify({ front: front.length }));
    `;
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: project, encoding: 'utf8' });
    // Every trial is on the front: a larger x costs more and gains more.
    expect(JSON.parse(output)).toEqual({ front: 4 });
  });

  it('loads no storage driver, TensorFlow, ink or mathjs on import, and a driver when a storage opens', () => {
    // A module resolve hook that prints the name of every package the process imports, to stderr.
    const tracer = join(temp, 'trace-packages.mjs');
    const hooks = [
      "import { writeSync } from 'node:fs';",
      'export async function resolve(specifier, context, next) {',
      '  const resolved = await next(specifier, context);',
      '  const match = /node_modules\\/((?:@[^/]+\\/)?[^/]+)/.exec(resolved.url);',
      "  if (match) writeSync(2, `package ${match[1]}\\n`);",
      '  return resolved;',
      '}',
    ].join('\n');
    writeFileSync(tracer, `import { register } from 'node:module';\nregister(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hooks)}`)});\n`);
    const loadedBy = (script: string): Set<string> => {
      const result = spawnSync(process.execPath, ['--import', pathToFileURL(tracer).href, '--input-type=module', '-e', script], {
        cwd: project,
        encoding: 'utf8',
      });
      expect(result.status, result.stderr).toBe(0);
      return new Set([...result.stderr.matchAll(/^package (\S+)$/gm)].map((match) => match[1]));
    };
    const heavy = ['better-sqlite3', 'pg', '@tensorflow/tfjs', '@tensorflow/tfjs-node', 'ink', 'react', 'mathjs'];
    const onImport = loadedBy("const { createStudy } = await import('stopwise');");
    expect(onImport.has('stopwise')).toBe(true);
    expect(heavy.filter((name) => onImport.has(name))).toEqual([]);
    const onOpen = loadedBy("const { openStorage } = await import('stopwise'); await (await openStorage('sqlite::memory:')).close();");
    expect(onOpen.has('better-sqlite3')).toBe(true);
  });

  it('runs its CLI', () => {
    const output = execFileSync(process.execPath, [join(project, 'node_modules', manifest.name, 'bin/stopwise.js'), '--help'], {
      cwd: project,
      encoding: 'utf8',
    });
    expect(output).toMatch(/stopwise/);
  });

  it('typechecks a TypeScript file that uses it, with its types', async () => {
    link('@types/node');
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        // skipLibCheck, as `tsc --init` sets it: the file is checked against stopwise's declarations, while the
        // declarations of its dependencies (tfjs's alone take ~10 s) are not checked again.
        compilerOptions: {
          target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: ['node'],
        },
        files: ['use.ts'],
      }),
    );
    writeFileSync(
      join(project, 'use.ts'),
      [
        "import { createStudy, type Study } from 'stopwise';",
        'const study: Study = await createStudy({',
        "  space: { params: { x: { type: 'float', low: 0, high: 1 } } },",
        "  objectives: [{ name: 'cost', direction: 'minimize' }],",
        '});',
        'const trial = await study.ask();',
        'const id: number = trial.id;',
        'await study.tell(id, [1]);',
        '// The options are typed, not `any`: a wrong type is an error this comment expects.',
        '// @ts-expect-error',
        "createStudy({ space: { params: {} }, objectives: 'cost' });",
        'export {};',
        '',
      ].join('\n'),
    );
    const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
    // Asynchronous, so that vitest's worker stays responsive while tsc runs.
    const result = await promisify(execFile)(process.execPath, [tsc, '-p', project], { cwd: project, encoding: 'utf8' }).then(
      ({ stdout }) => stdout,
      (error: { stdout?: string }) => error.stdout ?? String(error),
    );
    expect(result).toBe('');
  }, 180_000);
});
