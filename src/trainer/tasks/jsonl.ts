import { readFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { InputError } from '../../errors.js';
import { rejectUnknownFields, stringField, taskField } from './spec-fields.js';
import type { Align, Example, Task, TaskContext, TaskDefinition, TaskSpec } from './types.js';

const FIELDS = {
  path: 'JSONL file relative to the space file\'s folder; each line {"input": "...", "target": "..."}',
  inputAlign: '"left" (default) or "right": which side of its slot the input sits on once padded',
  targetAlign: '"left" (default) or "right": the same for the target (right suits numbers)',
};

/** Longest input or target accepted: the model reads and writes fixed-width slots of the longest example. */
export const MAX_FIELD_LENGTH = 256;

/**
 * Parses JSONL text into examples. Blank lines are skipped; any other line must be a JSON object whose `input`
 * and `target` are non-empty strings of at most MAX_FIELD_LENGTH characters (other keys are ignored). Throws
 * InputError `<file>:<line>: <what is wrong>`. Cost: O(text length).
 */
export function parseJsonlExamples(text: string, file: string): Example[] {
  const examples: Example[] = [];
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index].replace(/\r$/, '');
    if (line.trim() === '') continue;
    const where = `${file}:${index + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new InputError(`${where}: not valid JSON (${(error as Error).message})`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new InputError(`${where}: expected an object {"input": "...", "target": "..."}`);
    }
    const record = value as Record<string, unknown>;
    for (const key of ['input', 'target'] as const) {
      const field = record[key];
      if (field === undefined) throw new InputError(`${where}: missing "${key}"`);
      if (typeof field !== 'string') throw new InputError(`${where}: "${key}" must be a string, got ${JSON.stringify(field)}`);
      if (field.length === 0) throw new InputError(`${where}: "${key}" is empty`);
      if ([...field].length > MAX_FIELD_LENGTH) {
        throw new InputError(`${where}: "${key}" has ${[...field].length} characters, at most ${MAX_FIELD_LENGTH} allowed`);
      }
    }
    examples.push({ input: record.input as string, target: record.target as string });
  }
  if (examples.length === 0) throw new InputError(`${file}: no examples (expected one JSON object per line)`);
  return examples;
}

function alignField(spec: TaskSpec, field: string, context: TaskContext): Align {
  const value = spec[field];
  if (value === undefined) return 'left';
  if (value !== 'left' && value !== 'right') {
    throw new InputError(`${taskField(context, field)}: expected "left" or "right", got ${JSON.stringify(value)}`);
  }
  return value;
}

/** The file as the user should see it: relative to the working directory when that is shorter. */
function displayPath(absolute: string): string {
  const fromHere = relative(process.cwd(), absolute);
  return fromHere && !fromHere.startsWith('..') && !isAbsolute(fromHere) ? fromHere : absolute;
}

export const jsonl: TaskDefinition = {
  name: 'jsonl',
  fields: FIELDS,
  async create(spec: TaskSpec, context: TaskContext): Promise<Task> {
    rejectUnknownFields(spec, FIELDS, context);
    const path = stringField(spec, 'path', undefined, context);
    const layout = { input: alignField(spec, 'inputAlign', context), target: alignField(spec, 'targetAlign', context) };
    const absolute = resolve(context.baseDir, path);
    const file = displayPath(absolute);
    let text: string;
    try {
      text = await readFile(absolute, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const what = code === 'ENOENT' ? 'file not found' : `cannot read it (${code ?? (error as Error).message})`;
      throw new InputError(`${taskField(context, 'path')}: ${file}: ${what}`);
    }
    const examples = parseJsonlExamples(text, file);
    return { name: 'jsonl', description: `${file}, ${examples.length} examples`, examples, layout };
  },
};
