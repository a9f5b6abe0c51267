import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.js';
import { createTask, parseJsonlExamples } from '../../../src/trainer/tasks/index.js';

describe('jsonl task', () => {
  it('reads examples from a file relative to the space file, skipping blank lines', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stopwise-jsonl-'));
    writeFileSync(join(dir, 'x.jsonl'), '{"input": "ab", "target": "ba"}\n\n{"input": "Ünï", "target": "ïnÜ", "note": 1}\r\n');
    const task = await createTask({ name: 'jsonl', path: 'x.jsonl', targetAlign: 'right' }, { baseDir: dir, source: 's.json' });
    expect(task.examples).toEqual([
      { input: 'ab', target: 'ba' },
      { input: 'Ünï', target: 'ïnÜ' },
    ]);
    expect(task.layout).toEqual({ input: 'left', target: 'right' });
  });

  it.each([
    ['{"input": "a", "target": "b"}\nnot json\n', /^f\.jsonl:2: not valid JSON/],
    ['{"input": "a"}\n', /^f\.jsonl:1: missing "target"$/],
    ['{"input": 3, "target": "b"}\n', /^f\.jsonl:1: "input" must be a string, got 3$/],
    ['\n\n{"input": "", "target": "b"}\n', /^f\.jsonl:3: "input" is empty$/],
    ['["a", "b"]\n', /^f\.jsonl:1: expected an object/],
    ['\n  \n', /^f\.jsonl: no examples/],
  ])('names the file and line of a bad line (%#)', (text, message) => {
    expect(() => parseJsonlExamples(text, 'f.jsonl')).toThrow(InputError);
    expect(() => parseJsonlExamples(text, 'f.jsonl')).toThrow(message);
  });

  it('says which field names a missing file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stopwise-jsonl-'));
    await expect(createTask({ name: 'jsonl', path: 'nope.jsonl' }, { baseDir: dir, source: 's.json' })).rejects.toThrow(
      /^s\.json: \$\.task\.path: .*nope\.jsonl: file not found$/,
    );
    await expect(createTask({ name: 'jsonl' }, { baseDir: dir, source: 's.json' })).rejects.toThrow(/^s\.json: \$\.task\.path: expected a non-empty string/);
  });
});
