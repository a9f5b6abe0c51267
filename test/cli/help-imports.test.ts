import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { importClosure } from '../helpers/import-closure.js';

describe('what `stopwise --help` loads', () => {
  const closure = importClosure(resolve(ROOT, 'src/cli/main.ts'), { dynamic: false });

  it('finds the table and help text modules (the walk works)', () => {
    expect(closure.files).toEqual(expect.arrayContaining(['src/cli/main.ts', 'src/cli/command-table.ts', 'src/cli/help.ts', 'src/cli/option-table.ts']));
  });

  it('is Node built-ins only: no TensorFlow, SQLite, PostgreSQL, ink or mathjs', () => {
    expect(closure.packages.filter((name) => !name.startsWith('node:'))).toEqual([]);
  });

  it('loads no command module, terminal UI, storage backend or numerical code', () => {
    const heavy = closure.files.filter((file) =>
      /^src\/(cli\/commands|tui|storage\/(sqlite|postgres)|samplers\/(?!sampler-names)|trainer\/(?!backend-names)|gp|linalg|acquisition|multiobjective|optim|qmc|space\/(?!closest-name))/.test(file),
    );
    expect(heavy).toEqual([]);
  });
});
