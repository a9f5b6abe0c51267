import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.js';
import { MAX_VOCABULARY_SIZE } from '../../../src/trainer/tokenizer.js';
import { createTask, jsonlExamples, parseJsonlLines } from '../../../src/trainer/tasks/index.js';

const line = (input: string, target: string): string => JSON.stringify({ input, target });
const lines = (examples: [string, string][]): string => examples.map(([input, target]) => line(input, target)).join('\n') + '\n';

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
    expect(() => parseJsonlLines(text, 'f.jsonl')).toThrow(InputError);
    expect(() => parseJsonlLines(text, 'f.jsonl')).toThrow(message);
  });

  it('refuses an empty file naming it', () => {
    expect(() => jsonlExamples('', 'empty.jsonl')).toThrow(/^empty\.jsonl: no examples/);
  });

  it('drops examples beyond twice the 99th percentile of their field, with one warning naming file and lines', () => {
    // 200 inputs of 4 characters: the default input limit is 8; line 51's input (9) and line 120's (40) are dropped.
    const examples: [string, string][] = Array.from({ length: 200 }, (_, i) => [`k${String(i).padStart(3, '0')}`, `v${i % 7}`]);
    examples[50][0] = 'x'.repeat(9);
    examples[119][0] = 'y'.repeat(40);
    const { examples: kept, warnings } = jsonlExamples(lines(examples), 'f.jsonl');
    expect(kept).toHaveLength(198);
    expect(kept.some((example) => example.input.startsWith('x') || example.input.startsWith('y'))).toBe(false);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^f\.jsonl: dropped 2 of 200 examples longer than 8 \(input\) or 4 \(target\) characters \(the default limit, .*\$\.task\.maxLength.*\): lines 51, 120$/);
    expect(warnings[0]).not.toContain('\n');
  });

  it('keeps every line of a file under 100 lines (its 99th percentile is its longest line)', () => {
    const examples: [string, string][] = Array.from({ length: 99 }, (_, i) => [`a${i}`, 'b']);
    examples[3][0] = 'z'.repeat(200);
    expect(jsonlExamples(lines(examples), 'f.jsonl')).toEqual({ examples: examples.map(([input, target]) => ({ input, target })), warnings: [] });
  });

  it('applies an explicit maxLength to both fields, lists at most five lines, and refuses a file it empties', () => {
    const examples: [string, string][] = Array.from({ length: 10 }, (_, i) => (i < 7 ? ['abcd', 'e'] : ['a', 'bcdef']));
    examples[0][0] = 'ab';
    const { examples: kept, warnings } = jsonlExamples(lines(examples), 'f.jsonl', 3);
    expect(kept).toEqual([{ input: 'ab', target: 'e' }]);
    expect(warnings).toEqual(['f.jsonl: dropped 9 of 10 examples longer than 3 characters ($.task.maxLength): lines 2, 3, 4, 5, 6 and 4 more']);
    expect(() => jsonlExamples(lines([['abcd', 'e']]), 'f.jsonl', 3)).toThrow(/^f\.jsonl: every example is longer than 3 characters \(\$\.task\.maxLength\)$/);
  });

  it('refuses more distinct characters than the tokenizer holds, naming the file and the line that overflows', () => {
    const limit = MAX_VOCABULARY_SIZE - 1;
    // Line k (1-based) brings 10 new characters from U+0100 on; with the targets' "x", 10k + 1 are seen after it.
    const examples: [string, string][] = Array.from({ length: 60 }, (_, k) => {
      const text = Array.from({ length: 10 }, (_, j) => String.fromCodePoint(0x100 + 10 * k + j)).join('');
      return [text, 'x'];
    });
    const overflowLine = Math.floor(limit / 10) + 1;
    expect(() => jsonlExamples(lines(examples), 'wide.jsonl')).toThrow(
      new RegExp(`^wide\\.jsonl: 601 distinct characters, more than the ${limit} the character tokenizer holds \\(the ${limit + 1}th appears on line ${overflowLine}\\)$`),
    );
    expect(() => jsonlExamples(lines(examples.slice(0, 50)), 'wide.jsonl')).not.toThrow();
  });

  it('says which field names a missing file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stopwise-jsonl-'));
    await expect(createTask({ name: 'jsonl', path: 'nope.jsonl' }, { baseDir: dir, source: 's.json' })).rejects.toThrow(
      /^s\.json: \$\.task\.path: .*nope\.jsonl: file not found$/,
    );
    await expect(createTask({ name: 'jsonl' }, { baseDir: dir, source: 's.json' })).rejects.toThrow(/^s\.json: \$\.task\.path: expected a non-empty string/);
  });

  it('takes maxLength from the spec (1 to 256) and hands the warning to the task', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stopwise-jsonl-'));
    writeFileSync(join(dir, 'x.jsonl'), lines([['ab', 'ba'], ['abcdef', 'fedcba']]));
    const task = await createTask({ name: 'jsonl', path: 'x.jsonl', maxLength: 4 }, { baseDir: dir, source: 's.json' });
    expect(task.examples).toEqual([{ input: 'ab', target: 'ba' }]);
    expect(task.warnings).toEqual([`${join(dir, 'x.jsonl')}: dropped 1 of 2 examples longer than 4 characters ($.task.maxLength): line 2`]);
    await expect(createTask({ name: 'jsonl', path: 'x.jsonl', maxLength: 257 }, { baseDir: dir, source: 's.json' })).rejects.toThrow(
      /^s\.json: \$\.task\.maxLength: expected an integer from 1 to 256, got 257$/,
    );
  });
});
