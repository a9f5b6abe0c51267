import { SAMPLER_NAMES } from '../samplers/sampler-names.js';
import { PROTOCOL_HELP } from '../serve/protocol-help.js';
import { DEFAULT_STORAGE_URL } from '../storage/url.js';
import { BACKEND_PREFERENCE } from '../trainer/backend-names.js';
import { defineCommand, type Invocation } from './option-table.js';

/**
 * Every command with its options: what `stopwise --help`, `stopwise COMMAND --help` and the parser read. This module
 * and what it imports load for any command, so it holds only names and words: no storage, TensorFlow, ink or samplers.
 */

const storage = {
  type: 'string',
  valueName: 'URL',
  description: 'where studies live: sqlite:PATH or postgresql://USER@HOST:PORT/DB',
  default: DEFAULT_STORAGE_URL,
} as const;
const json = { type: 'boolean', description: 'machine-readable JSON output' } as const;
const requiredStudy = { type: 'string', valueName: 'NAME', description: 'study name', required: true } as const;
const output = { type: 'string', short: 'o', valueName: 'FILE', description: 'write to FILE instead of stdout' } as const;
const backend = {
  type: 'choice',
  valueName: 'NAME',
  choices: ['auto', ...BACKEND_PREFERENCE],
  default: 'auto',
  description: 'tfjs backend; auto takes the fastest that loads',
} as const;

/** The formats `stopwise export --format` writes. */
export const EXPORT_FORMATS = ['json', 'csv', 'svg', 'html'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const COMMANDS = {
  search: defineCommand({
    name: 'search',
    summary: 'run (or resume) a multi-objective search over stopping rules and hyperparameters',
    positionals: ['SPACE'],
    options: {
      study: { type: 'string', valueName: 'NAME', description: 'study name', defaultNote: "the space's name" },
      storage,
      trials: { type: 'integer', valueName: 'N', min: 1, default: 20, description: 'trained trials wanted in total (replayed trials come on top)' },
      workers: { type: 'integer', valueName: 'N', min: 1, default: 1, description: 'worker processes sharing the study' },
      seed: { type: 'integer', valueName: 'S', description: 'seed for the sampler and the folds', defaultNote: 'the space file seed, else 0' },
      sampler: { type: 'choice', valueName: 'NAME', choices: SAMPLER_NAMES, default: SAMPLER_NAMES[0], description: 'how trials are proposed' },
      backend,
      'test-fraction': {
        type: 'number',
        valueName: 'F',
        description: 'share of the task held out as the test part, in (0, 0.5]',
        defaultNote: '0.2; a study keeps its own',
      },
      'confirm-seeds': { type: 'integer', valueName: 'R', min: 1, default: 3, description: 'confirmation runs per front recipe' },
      'no-confirm': { type: 'boolean', description: 'skip confirming the front on the test part at the end' },
      'no-replay': {
        type: 'boolean',
        description: "train every recipe on every fold: no curve grid, no replayed trials, no fold racing (ignores the space's replay block)",
      },
      'time-limit': {
        type: 'number',
        valueName: 'MINUTES',
        description: 'start no trial after this many minutes (running trials finish; the front is then confirmed)',
        defaultNote: 'none',
      },
      'no-tui': { type: 'boolean', description: 'plain line output even on a terminal' },
      json: { type: 'boolean', description: 'one JSON object per finished trial' },
    },
    examples: ['stopwise search', 'stopwise search search-spaces/hyperparams-only.json --trials 12 --no-tui'],
  }),
  train: defineCommand({
    name: 'train',
    summary: 'evaluate one recipe over the folds and print its tokens and EM',
    positionals: ['SPACE'],
    options: {
      params: {
        type: 'string',
        valueName: 'JSON',
        required: true,
        description: "the recipe's parameters; those left out take the trainer's defaults, moved to the nearest value of the space",
      },
      seed: { type: 'integer', valueName: 'S', description: 'seed for the folds and the model', defaultNote: 'the space file seed, else 0' },
      backend,
      json,
    },
    examples: ['stopwise train --params \'{"stopping.rule":"threshold","stopping.target":0.9}\''],
  }),
  confirm: defineCommand({
    name: 'confirm',
    summary: "retrain the front's recipes on the search part over several seeds and measure them on the test part",
    positionals: [],
    options: {
      study: requiredStudy,
      storage,
      seeds: { type: 'integer', valueName: 'R', min: 1, default: 3, description: 'confirmation runs (seeds) per recipe' },
      backend,
      json,
    },
    examples: ['stopwise confirm --study default'],
  }),
  studies: defineCommand({
    name: 'studies',
    summary: 'list the studies in a storage (stopwise studies copy: copy studies between storages)',
    positionals: [],
    options: { storage, json },
    examples: ['stopwise studies', 'stopwise studies --storage postgresql://stopwise@db.lan:5432/stopwise --json'],
  }),
  'studies copy': defineCommand({
    name: 'studies copy',
    summary: 'copy studies, with their trials, from one storage to another',
    positionals: [],
    options: {
      from: { type: 'string', valueName: 'URL', required: true, description: 'the storage to read the studies from' },
      to: { type: 'string', valueName: 'URL', required: true, description: 'the storage to write them to' },
      study: { type: 'string', valueName: 'NAME', description: 'only this study', defaultNote: 'every study' },
    },
    examples: ['stopwise studies copy --from sqlite:stopwise.db --to postgresql://stopwise@db.lan:5432/stopwise --study default'],
  }),
  replay: defineCommand({
    name: 'replay',
    summary: "score another space's stopping rules on a study's recorded curves, at no training cost, and print their front",
    positionals: [],
    options: {
      study: requiredStudy,
      space: {
        type: 'string',
        valueName: 'FILE',
        required: true,
        description: "a space file whose stopping.* part is scored (each recorded trial keeps its own hyperparameters)",
      },
      storage,
      json,
    },
    examples: ['stopwise replay --study default --space search-spaces/wider-rules.json'],
  }),
  show: defineCommand({
    name: 'show',
    summary: "show a study's trials and front",
    positionals: [],
    options: { study: requiredStudy, storage, json },
    examples: ['stopwise show --study default', 'stopwise show --study default --json'],
  }),
  export: defineCommand({
    name: 'export',
    summary: 'export the front and all trials as JSON, CSV, SVG or HTML',
    positionals: [],
    options: {
      study: requiredStudy,
      format: { type: 'choice', choices: EXPORT_FORMATS, required: true, description: 'file format' },
      output,
      storage,
    },
    examples: ['stopwise export --study default --format html -o front.html'],
  }),
  seed: defineCommand({
    name: 'seed',
    summary: 'write a production config: a recipe chosen from the front, with the front itself',
    positionals: [],
    options: {
      study: requiredStudy,
      policy: {
        type: 'string',
        valueName: 'POLICY',
        default: 'knee',
        description: 'knee, within:TOL (e.g. within:0.005), within-se, budget:TOKENS or budget:TOKENS,minEm:EM',
      },
      output,
      storage,
    },
    examples: ['stopwise seed --study default --policy within-se -o production.json', 'stopwise seed --study default --policy budget:1M,minEm:0.95 -o production.json'],
  }),
  serve: defineCommand({
    name: 'serve',
    summary: 'language-neutral ask/tell: one JSON object per line on stdin/stdout',
    positionals: [],
    options: { stdio: { type: 'boolean', required: true, description: 'speak the protocol on stdin/stdout (the only transport)' } },
    examples: [
      'stopwise serve --stdio < requests.jsonl',
      'echo \'{"op":"create","space":{"params":{"x":{"type":"float","low":0,"high":1}}},"objectives":[{"name":"f","direction":"minimize"}]}\' | stopwise serve --stdio',
    ],
    details: PROTOCOL_HELP,
  }),
};

export type Commands = typeof COMMANDS;
export type CommandName = keyof Commands;

/** What a command's action receives: its options typed by its table. */
export type CommandInvocation<Name extends CommandName> = Invocation<Commands[Name]['options']>;

export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(COMMANDS, name);
}

/** Commands that are not subcommands of another, in table order. */
export function topLevelNames(): CommandName[] {
  return commandNames().filter((name) => !name.includes(' '));
}

/** `studies copy` for `studies`: the commands written as `name` followed by a word. */
export function subcommandsOf(name: CommandName): CommandName[] {
  return commandNames().filter((other) => other.startsWith(`${name} `));
}

function commandNames(): CommandName[] {
  return Object.keys(COMMANDS).filter(isCommandName);
}
