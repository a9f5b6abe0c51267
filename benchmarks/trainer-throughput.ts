/**
 * Trainer throughput benchmark (the project's bar: R ≥ 0.5 against PyTorch): training tokens per second of the
 * trainer's models on every available TensorFlow.js backend and of the same models in PyTorch (Debian's
 * python3-torch), measured in the same run on the same batches with the same number of threads.
 *
 *   node bin/run-ts.js benchmarks/trainer-throughput.ts [--models transformer,slot] [--jsonl FILE] [--threads N]
 *        [--rounds N] [--seconds S] [--backends tensorflow,wasm,cpu] [--no-pytorch]
 *   node bin/run-ts.js benchmarks/trainer-throughput.ts --profile [BACKEND] [--models …]   where a step's time goes
 *
 * Two workloads, each the model a task gets by default at its default hyperparameters (defaults.ts):
 *   transformer  the model a JSONL task gets (defaultModelForTask('jsonl')), on search-spaces/data/times.jsonl read
 *                as a user's JSONL task (--jsonl names another file);
 *   slot         the routed-MLP slot model the built-in default task gets, on that task (DEFAULT_TASK_SPEC).
 *
 * Threads: TensorFlow's intra-op (and inter-op) pool gets N threads (default 1, what fold-pool.ts gives every fold
 * process, so that a recipe's folds train in parallel on the cores), set through TF_NUM_INTRAOP_THREADS before
 * tfjs-node loads; PyTorch gets torch.set_num_threads(N) and OpenBLAS N threads.
 *
 * The systems take turns in short rounds (about S seconds each, default 1.5) so that they share whatever load the
 * machine has; each system's tokens/s is its best round (the least disturbed), and its median round is shown too.
 * The CPU column is tokens per second of the process's own CPU time, steadier on a shared machine.
 *
 * Each tfjs step is the trainer's own trainingStep (src/trainer/training-step.ts) with the trainer's model and flat
 * AdamW, at the learning rate train-run.ts would use after the same training tokens (learningRateAt: warm-up, then
 * halving). Tokens are counted as the trainer counts them: every input and target character of every example in
 * the batch, padding excluded. PyTorch runs benchmarks/pytorch/trainer_step.py (the models in routed_mlp.py and
 * prefix_lm_transformer.py) on the very batches measured here, from the same initial weights. The mirror check: the
 * first batch's loss at the initial weights, dropout off, computed by every system; they must agree to float32
 * rounding (MIRROR_TOLERANCE), else the benchmark says so and exits with status 1. When python3-torch (or an
 * optimized BLAS for it) is missing, this script installs it with apt-get and says so; without it the PyTorch
 * column is skipped. Ends with one line per workload, the default JSONL model's last:
 *   trainer (slot model, addition): BACKEND X tokens/s, pytorch Y tokens/s, ratio R
 *   trainer: BACKEND X tokens/s, pytorch Y tokens/s, ratio R
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Scalar } from '@tensorflow/tfjs';
import { createRng, shuffleInPlace } from '../src/random/rng.js';
import { availableBackends, loadBackend, type BackendName, type TfModule } from '../src/trainer/backend.js';
import { DEFAULT_SEED, DEFAULT_TASK_SPEC, defaultModelForTask, defaultTrainingFor } from '../src/trainer/defaults.js';
import { encodeTask, tokensOf, type EncodedTask } from '../src/trainer/encoded-task.js';
import type { ModelName, TrainingConfig } from '../src/trainer/hyperparameters.js';
import { createModel } from '../src/trainer/models/index.js';
import { createOptimizer } from '../src/trainer/optimizer.js';
import { deriveSeed } from '../src/trainer/seeds.js';
import { createTaskTensors, taskDataOf } from '../src/trainer/task-tensors.js';
import { createTask } from '../src/trainer/tasks/index.js';
import type { TaskSpec } from '../src/trainer/tasks/types.js';
import { learningRateAt } from '../src/trainer/training-config.js';
import { batchLoss, trainingStep } from '../src/trainer/training-step.js';

const SYSTEM_PYTHON = '/usr/bin/python3';
const BENCHMARKS_DIRECTORY = dirname(fileURLToPath(import.meta.url));
const PYTORCH_SCRIPT = join(BENCHMARKS_DIRECTORY, 'pytorch', 'trainer_step.py');
const APT_PACKAGES = ['python3-torch', 'libopenblas0-pthread'];
/** The JSONL task the Transformer is measured on: the repository's own example of a user's file. */
export const DEFAULT_JSONL_FILE = join(BENCHMARKS_DIRECTORY, '..', 'search-spaces', 'data', 'times.jsonl');
/** Intra-op threads per side: fold-pool.ts gives each fold process one TensorFlow thread. */
const DEFAULT_THREADS = 1;
/**
 * Largest relative difference of the first-batch losses of two systems that still counts as the same function.
 * Float32 sums over a few thousand terms in a different order differ by ~1e-6 relative; a wrong mask, scale or
 * weight layout moves the loss by far more than 1e-5.
 */
export const MIRROR_TOLERANCE = 1e-5;

export interface TrainerThroughputOptions {
  /** Workloads by model (default both, the Transformer first). */
  readonly models?: readonly ModelName[];
  /** The JSONL file the Transformer trains on (default DEFAULT_JSONL_FILE). */
  readonly jsonl?: string;
  /** Intra-op threads of TensorFlow and of PyTorch (default 1). Applies only if tfjs-node has not loaded yet. */
  readonly threads?: number;
  /** Rounds per system (default 5). */
  readonly rounds?: number;
  /** Target duration of one round in seconds (default 1.5). */
  readonly secondsPerRound?: number;
  /** Backends to measure (default: every available one but the pure-JavaScript cpu backend). */
  readonly backends?: readonly BackendName[];
  /** Skip the PyTorch reference. */
  readonly skipPytorch?: boolean;
  /** Where the table and the summary lines go (default console.log). */
  readonly log?: (line: string) => void;
}

export interface ThroughputRow {
  system: string;
  /** tokens/s of the best round, of the median round, and per CPU-second of the best round. */
  best: number;
  median: number;
  perCpuSecond: number;
  stepsPerRound: number;
  finalLoss: number;
  /** Mean loss of the first batch at the initial weights, dropout off. */
  initialLoss: number;
}

export interface WorkloadReport {
  model: ModelName;
  description: string;
  rows: ThroughputRow[];
  bestBackend?: ThroughputRow;
  pytorch?: ThroughputRow;
  ratio?: number;
  /** Whether every system's first-batch loss is within MIRROR_TOLERANCE of the first system's. */
  mirrorAgrees: boolean;
  summary: string;
}

export interface TrainerThroughputReport {
  workloads: WorkloadReport[];
  /** The workloads' summary lines, the default JSONL model's last. */
  summary: string[];
}

// ---- threads ----------------------------------------------------------------------------------------------------

/**
 * Gives TensorFlow `threads` intra-op and inter-op threads, as fold-pool.ts does for fold processes: TensorFlow
 * reads these variables when its context starts, so this works only before tfjs-node's first op in this process.
 */
function pinTensorflowThreads(threads: number): void {
  process.env.TF_NUM_INTRAOP_THREADS = String(threads);
  process.env.TF_NUM_INTEROP_THREADS = String(threads);
}

// ---- the models and their batches -------------------------------------------------------------------------------

/** Seed of the initial weights (as trainRun derives it), shared by every backend and by PyTorch. */
const WEIGHTS_SEED = deriveSeed(DEFAULT_SEED, 'weights');

interface Workload {
  model: ModelName;
  /** How the summary line names it: '' for the default JSONL model (the bar's line). */
  label: string;
  description: string;
  task: EncodedTask;
  config: TrainingConfig;
  /** Example indices in training order: a seeded shuffle, as trainRun draws an epoch's minibatches. */
  order: Int32Array;
  /** Tokens of each consecutive batch of `order` (the trainer's tokensOf). */
  batchTokens: number[];
}

function describeConfig(config: TrainingConfig): string {
  const { embedding, heads, width, depth, feedForward, dropout, optimizer, learningRate, learningRateHalfLife, warmupTokens, weightDecay, batchSize } = config;
  const model =
    config.model === 'transformer'
      ? `Transformer width ${embedding} in ${heads} heads, ${depth} blocks, feed-forward ${feedForward}`
      : `routed MLP emb ${embedding}/${heads} heads, ${depth} x ${width}`;
  const warmup = warmupTokens > 0 ? ` after ${warmupTokens} warm-up tokens` : '';
  return `${model}, dropout ${dropout}; ${optimizer} lr ${learningRate}${warmup} halving every ${learningRateHalfLife} tokens, wd ${weightDecay}; batch ${batchSize}`;
}

/**
 * The task `spec` encoded by the trainer, trained with the defaults of the model such a task gets, and one shuffled
 * epoch of all its examples cut into batches of the default size. (A run trains on its fold's training split only;
 * the batches are alike.)
 */
async function workloadOf(spec: TaskSpec, baseDir: string, label: string, taskDescription: (task: EncodedTask) => string): Promise<Workload> {
  const task = encodeTask(await createTask(spec, { baseDir, source: 'trainer benchmark' }));
  const config = defaultTrainingFor(defaultModelForTask(spec.name));
  const order = Int32Array.from(shuffleInPlace(Array.from({ length: task.size }, (_, i) => i), createRng(1)));
  const batchTokens: number[] = [];
  for (let start = 0; start + config.batchSize <= order.length; start += config.batchSize) {
    batchTokens.push(tokensOf(task.exampleTokens, order.subarray(start, start + config.batchSize)));
  }
  return { model: config.model, label, description: `${taskDescription(task)}; ${describeConfig(config)}`, task, config, order, batchTokens };
}

/** The workload that measures `model`: the Transformer on a JSONL file, the slot model on the default task. */
async function workloadFor(model: ModelName, jsonl = DEFAULT_JSONL_FILE): Promise<Workload> {
  if (model === 'transformer') {
    const shape = (task: EncodedTask) => `${basename(jsonl)} as a JSONL task (${task.size} examples, ${task.inputWidth} input + ${task.targetWidth} target slots)`;
    const workload = await workloadOf({ name: 'jsonl', path: basename(jsonl) }, dirname(jsonl), '', shape);
    if (workload.model !== 'transformer') throw new Error(`a JSONL task's default model is ${workload.model}, not the Transformer`);
    return workload;
  }
  const label = `${model} model, ${DEFAULT_TASK_SPEC.name}`;
  const workload = await workloadOf(DEFAULT_TASK_SPEC, '.', label, (task) => `${DEFAULT_TASK_SPEC.name} (${String(DEFAULT_TASK_SPEC.digits)} digits, ${task.size} examples)`);
  if (workload.model !== model) throw new Error(`the default task's default model is ${workload.model}, not ${model}`);
  return workload;
}

/** Training steps per read of the loss: train-run.ts's LOSS_CHECK_STEPS (a read is a sync with the backend). */
const LOSS_READ_EVERY = 10;

/** One training step per call on the next batch; returns the tokens it used. */
interface StepRunner {
  step(): number;
  lastLoss(): number;
  /** Mean loss of the first batch at the initial weights, dropout off: checks the PyTorch mirror. */
  initialLoss(): number;
  /** The initial weights, in model.variables order, flattened row-major: PyTorch starts from the same ones. */
  initialWeights(): { shape: number[]; values: number[] }[];
  /** The loss of the next batch without training (forward only), and with its gradients (no update): for profiling. */
  forward(): void;
  forwardBackward(): void;
  dispose(): void;
}

/**
 * The workload's model on the active tfjs backend, trained step for step as src/trainer/train-run.ts does: the
 * trainer's model, flat optimizer and trainingStep (src/trainer/training-step.ts) on a slice of the epoch order,
 * the learning rate from learningRateAt at the training tokens seen so far, a dropout seed per step, the losses
 * kept and read every LOSS_READ_EVERY steps.
 */
function createTfjsRunner(tf: TfModule, workload: Workload): StepRunner {
  const { task, config } = workload;
  const data = createTaskTensors(tf, taskDataOf(task));
  const model = createModel(tf, data.shape, config, WEIGHTS_SEED);
  const initialWeights = model.variables.map((variable) => ({ shape: [...variable.shape], values: Array.from(variable.dataSync()) }));
  const optimizer = createOptimizer(tf, config, model.variables, model.decayed);
  const order = tf.tensor1d(workload.order, 'int32');
  const batchSize = config.batchSize;
  const vocabularySize = data.shape.vocabularySize;
  let cursor = 0;
  let trainingTokens = 0;
  let pending: Scalar[] = [];
  let loss = Number.NaN;
  /** Loss of the batch at `start` of the order, dropout on when `dropoutSeed` is given. Allocates: call inside tidy. */
  const lossAt = (start: number, dropoutSeed?: number): Scalar => {
    const rows = tf.slice(order, start, batchSize);
    return batchLoss(tf, model, tf.gather(data.inputs, rows), tf.gather(data.targets, rows), vocabularySize, dropoutSeed);
  };
  const firstLoss = tf.tidy(() => lossAt(0).dataSync()[0]);
  const nextBatch = () => {
    const index = cursor++ % workload.batchTokens.length;
    return { start: index * batchSize, tokens: workload.batchTokens[index] };
  };
  const readLosses = () => {
    const stacked = tf.stack(pending);
    loss = stacked.dataSync()[pending.length - 1];
    stacked.dispose();
    tf.dispose(pending);
    pending = [];
  };
  return {
    step() {
      const step = cursor;
      const { start, tokens } = nextBatch();
      const dropoutSeed = deriveSeed(DEFAULT_SEED, 'dropout', step);
      const learningRate = learningRateAt(config, trainingTokens);
      pending.push(tf.tidy(() => trainingStep(tf, model, optimizer, data, tf.slice(order, start, batchSize), dropoutSeed, learningRate)));
      trainingTokens += tokens;
      if (pending.length >= LOSS_READ_EVERY) readLosses();
      return tokens;
    },
    lastLoss() {
      if (pending.length > 0) readLosses();
      return loss;
    },
    initialLoss: () => firstLoss,
    initialWeights: () => initialWeights,
    forward() {
      const { start } = nextBatch();
      tf.tidy(() => lossAt(start, deriveSeed(DEFAULT_SEED, 'dropout', cursor)).dataSync());
    },
    forwardBackward() {
      const { start } = nextBatch();
      tf.tidy(() => tf.variableGrads(() => lossAt(start, deriveSeed(DEFAULT_SEED, 'dropout', cursor)), [...model.variables]).value.dataSync());
    },
    dispose() {
      tf.dispose(pending);
      order.dispose();
      optimizer.dispose();
      model.dispose();
      data.dispose();
    },
  };
}

// ---- PyTorch ----------------------------------------------------------------------------------------------------

function pythonCan(code: string): boolean {
  return spawnSync(SYSTEM_PYTHON, ['-c', code], { stdio: 'ignore' }).status === 0;
}

/** Whether Debian's PyTorch can be imported by the system Python (installs nothing). */
export function pytorchAvailable(): boolean {
  return pythonCan('import torch');
}
/** Makes Debian's PyTorch (and OpenBLAS for it) available, installing them with apt-get when absent. */
function ensurePytorch(log: (line: string) => void): boolean {
  const hasTorch = pytorchAvailable();
  const hasOpenBlas = spawnSync('dpkg', ['-s', 'libopenblas0-pthread'], { stdio: 'ignore' }).status === 0;
  if (hasTorch && hasOpenBlas) return true;
  // Without an optimized BLAS, Debian's torch multiplies matrices with the reference BLAS (~2 GFLOP/s here),
  // which would make a weak baseline.
  log(`installing ${APT_PACKAGES.join(' ')} with apt-get for the PyTorch reference (it was missing)...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () =>
    spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...APT_PACKAGES], { env, stdio: 'ignore' }).status === 0;
  if (!install()) {
    spawnSync('apt-get', ['update', '-qq'], { env, stdio: 'ignore' });
    if (!install()) log('apt-get install failed');
  }
  return pytorchAvailable();
}

interface PytorchRound {
  steps: number;
  tokens: number;
  wallSeconds: number;
  cpuSeconds: number;
  loss: number;
}

class PytorchWorker {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly lines: Interface;
  private readonly pending: ((line: string) => void)[] = [];
  private stderr = '';

  constructor(specPath: string, threads: number) {
    // OpenBLAS and OpenMP would start a thread per core; the spec's thread count holds for them too.
    const env = { ...process.env, OPENBLAS_NUM_THREADS: String(threads), OMP_NUM_THREADS: String(threads) };
    this.child = spawn(SYSTEM_PYTHON, [PYTORCH_SCRIPT, specPath], { env });
    this.child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.lines = createInterface({ input: this.child.stdout });
    this.lines.on('line', (line) => this.pending.shift()?.(line));
    this.child.on('exit', () => {
      for (const resolve of this.pending.splice(0)) resolve(JSON.stringify({ error: `PyTorch worker exited: ${this.stderr.trim().split('\n').pop()}` }));
    });
  }

  async request<T>(message: object): Promise<T> {
    const line = await new Promise<string>((resolve) => {
      this.pending.push(resolve);
      this.child.stdin.write(`${JSON.stringify(message)}\n`);
    });
    const reply = JSON.parse(line) as T & { error?: string };
    if (reply.error) throw new Error(reply.error);
    return reply;
  }

  close(): void {
    this.child.stdin.end();
    this.lines.close();
  }
}


interface PytorchInfo {
  torch: string;
  threads: number;
  blas: string;
  initialLoss: number;
}

/**
 * Starts the PyTorch twin of `workload` from `initialWeights` (the tfjs model's, model.variables order) with
 * `threads` intra-op threads; the worker has read its spec once it has answered `info`.
 */
async function startPytorch(workload: Workload, initialWeights: { shape: number[]; values: number[] }[], threads: number): Promise<{ worker: PytorchWorker; info: PytorchInfo }> {
  const scratch = mkdtempSync(join(tmpdir(), 'stopwise-bench-'));
  try {
    const specPath = join(scratch, 'spec.json');
    const { learningRate, learningRateHalfLife, warmupTokens, optimizer, weightDecay, ...model } = workload.config;
    const { task } = workload;
    const spec = {
      model: { inputWidth: task.inputWidth, targetWidth: task.targetWidth, vocabularySize: task.tokenizer.size, ...model },
      optimizer: { name: optimizer, learningRate, learningRateHalfLife, warmupTokens, weightDecay },
      threads,
      initialWeights,
      inputs: Array.from(task.inputs),
      targets: Array.from(task.targets),
      order: Array.from(workload.order),
      batchTokens: workload.batchTokens,
      lossReadEvery: LOSS_READ_EVERY,
    };
    writeFileSync(specPath, JSON.stringify(spec));
    const worker = new PytorchWorker(specPath, threads);
    try {
      return { worker, info: await worker.request<PytorchInfo>({ op: 'info' }) };
    } catch (error) {
      worker.close();
      throw error;
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Whether two first-batch losses are the same function's, to float32 rounding (MIRROR_TOLERANCE, relative). */
export function lossesAgree(a: number, b: number): boolean {
  return Math.abs(a - b) <= MIRROR_TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b));
}

export interface MirrorLosses {
  /** First-batch loss at the initial weights, dropout off. */
  initial: number;
  /** Loss of the last of `steps` training steps from the initial weights (after steps − 1 updates). */
  trained: number;
}

/**
 * The mirror check alone: `model`'s workload on the active-by-default tfjs backend and in PyTorch (which must be
 * importable), the first-batch loss of each, and the loss after `steps` training steps on both (the optimizer and
 * learning-rate schedule mirrored too). Cost: two model builds and `steps` steps on each side.
 */
export async function mirrorLosses(model: ModelName, steps: number, jsonl = DEFAULT_JSONL_FILE): Promise<{ tfjs: MirrorLosses; pytorch: MirrorLosses }> {
  const workload = await workloadFor(model, jsonl);
  const runner = createTfjsRunner((await loadBackend()).tf, workload);
  try {
    for (let i = 0; i < steps; i++) runner.step();
    const tfjs = { initial: runner.initialLoss(), trained: runner.lastLoss() };
    const { worker, info } = await startPytorch(workload, runner.initialWeights(), 1);
    try {
      const round = await worker.request<PytorchRound>({ op: 'run', steps });
      return { tfjs, pytorch: { initial: info.initialLoss, trained: round.loss } };
    } finally {
      worker.close();
    }
  } finally {
    runner.dispose();
  }
}

// ---- measurement ------------------------------------------------------------------------------------------------

interface System {
  name: string;
  /** Runs `steps` training steps and reports them. */
  run(steps: number): Promise<{ steps: number; tokens: number; wallSeconds: number; cpuSeconds: number; loss: number }>;
  /** Mean loss of the first batch at the initial weights: equal on every system when the models are the same. */
  initialLoss: number;
  close(): void;
}

function tfjsSystem(backend: BackendName, runner: StepRunner): System {
  return {
    name: `tfjs ${backend}`,
    initialLoss: runner.initialLoss(),
    async run(steps) {
      await loadBackend(backend); // the engine is process-global; variables follow the active backend
      runner.step(); // untimed: absorbs the move of the variables after a backend switch
      const cpu = process.cpuUsage();
      const start = performance.now();
      let tokens = 0;
      for (let i = 0; i < steps; i++) tokens += runner.step();
      const wallSeconds = (performance.now() - start) / 1000;
      const used = process.cpuUsage(cpu);
      return { steps, tokens, wallSeconds, cpuSeconds: (used.user + used.system) / 1e6, loss: runner.lastLoss() };
    },
    close: () => runner.dispose(),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function formatRate(value: number): string {
  return value >= 10_000 ? `${(value / 1000).toFixed(0)}k` : value >= 1000 ? `${(value / 1000).toFixed(1)}k` : value.toFixed(0);
}


/** Measures one workload on `backends` and (when `pytorch`) in PyTorch, in interleaved rounds; see the file comment. */
async function measureWorkload(
  workload: Workload,
  backends: readonly BackendName[],
  settings: { rounds: number; secondsPerRound: number; threads: number; pytorch: boolean },
  log: (line: string) => void,
): Promise<WorkloadReport> {
  const systems: System[] = [];
  let initialWeights: { shape: number[]; values: number[] }[] | undefined;
  for (const backend of backends) {
    const runner = createTfjsRunner((await loadBackend(backend)).tf, workload);
    initialWeights ??= runner.initialWeights();
    systems.push(tfjsSystem(backend, runner));
  }
  let blas = '';
  if (settings.pytorch) {
    if (!initialWeights) {
      // No tfjs backend measured: build the model once on the default backend for its initial weights.
      const runner = createTfjsRunner((await loadBackend()).tf, workload);
      initialWeights = runner.initialWeights();
      runner.dispose();
    }
    const { worker, info } = await startPytorch(workload, initialWeights, settings.threads);
    blas = `torch ${info.torch}, ${info.threads} thread${info.threads === 1 ? '' : 's'}, BLAS ${info.blas}`;
    if (info.blas.startsWith('reference')) {
      log('warning: PyTorch multiplies matrices with the reference BLAS (~2 GFLOP/s): a weak baseline; `apt-get install libopenblas0-pthread` gives it OpenBLAS');
    }
    systems.push({
      name: 'pytorch',
      initialLoss: info.initialLoss,
      run: (steps) => worker.request<PytorchRound>({ op: 'run', steps }),
      close: () => worker.close(),
    });
  }

  const { rounds, secondsPerRound } = settings;
  log(`trainer throughput, ${workload.label || `${workload.model} (a JSONL task's default model)`}: ${workload.description}`);
  log(`  TensorFlow ${settings.threads} intra-op thread${settings.threads === 1 ? '' : 's'}${blas ? `; ${blas}` : ''}; ${rounds} rounds of ~${secondsPerRound} s per system`);
  // Same initial weights and batch on every system: these agree to float32 rounding when the models are the same.
  const reference = systems[0]?.initialLoss ?? Number.NaN;
  const mirrorAgrees = systems.every((system) => lossesAgree(system.initialLoss, reference));
  log(`  first-batch loss at the initial weights: ${systems.map((system) => `${system.name} ${system.initialLoss.toFixed(6)}`).join(', ')}${systems.length > 1 ? (mirrorAgrees ? ' (agree)' : ` — MIRROR CHECK FAILED: differ by more than ${MIRROR_TOLERANCE} relative`) : ''}`);
  // Calibrate steps per round on warm systems: the first steps pay for allocation and kernel selection, so the
  // first probe is discarded and the next ones double until they last 0.3 s.
  const stepsPerRound = new Map<System, number>();
  for (const system of systems) {
    await system.run(1);
    let probe = await system.run(2);
    for (let steps = 4; probe.wallSeconds < 0.3 && steps <= 64; steps *= 2) probe = await system.run(steps);
    const perStep = Math.max(probe.wallSeconds / probe.steps, 1e-5);
    stepsPerRound.set(system, Math.max(1, Math.round(secondsPerRound / perStep)));
  }
  const samples = new Map<System, { wall: number; cpu: number; loss: number }[]>(systems.map((s) => [s, []]));
  for (let round = 0; round < rounds; round++) {
    for (const system of systems) {
      const result = await system.run(stepsPerRound.get(system)!);
      samples.get(system)!.push({ wall: result.tokens / result.wallSeconds, cpu: result.tokens / result.cpuSeconds, loss: result.loss });
    }
  }
  for (const system of systems) system.close();

  const rows: ThroughputRow[] = systems.map((system) => {
    const list = samples.get(system)!;
    const best = list.reduce((a, b) => (b.wall > a.wall ? b : a));
    return {
      system: system.name,
      best: best.wall,
      median: median(list.map((s) => s.wall)),
      perCpuSecond: best.cpu,
      stepsPerRound: stepsPerRound.get(system)!,
      finalLoss: list[list.length - 1].loss,
      initialLoss: system.initialLoss,
    };
  });
  log('');
  log(`  ${'system'.padEnd(16)}${'tokens/s'.padStart(10)}${'median'.padStart(10)}${'per CPU-s'.padStart(11)}${'steps/round'.padStart(13)}${'loss'.padStart(9)}`);
  for (const row of rows) {
    log(`  ${row.system.padEnd(16)}${formatRate(row.best).padStart(10)}${formatRate(row.median).padStart(10)}${formatRate(row.perCpuSecond).padStart(11)}${String(row.stepsPerRound).padStart(13)}${row.finalLoss.toFixed(3).padStart(9)}`);
  }
  const tfjsRows = rows.filter((row) => row.system.startsWith('tfjs '));
  const bestBackend = tfjsRows.reduce<ThroughputRow | undefined>((a, b) => (!a || b.best > a.best ? b : a), undefined);
  const pytorch = rows.find((row) => row.system === 'pytorch');
  const ratio = bestBackend && pytorch ? bestBackend.best / pytorch.best : undefined;
  const load = loadavg()[0];
  if (load > cpus().length) {
    log(`  note: load average ${load.toFixed(1)} on ${cpus().length} cores: other processes took turns with these (ratio per CPU-second ${bestBackend && pytorch ? (bestBackend.perCpuSecond / pytorch.perCpuSecond).toFixed(2) : 'n/a'})`);
  }
  log('');
  const name = workload.label ? `trainer (${workload.label})` : 'trainer';
  const summary = `${name}: ${bestBackend ? bestBackend.system.slice(5) : 'none'} ${bestBackend ? Math.round(bestBackend.best) : 'n/a'} tokens/s, pytorch ${pytorch ? Math.round(pytorch.best) : 'n/a'} tokens/s, ratio ${ratio === undefined ? 'n/a' : ratio.toFixed(2)}`;
  return { model: workload.model, description: workload.description, rows, bestBackend, pytorch, ratio, mirrorAgrees, summary };
}

/**
 * Measures every workload (the Transformer on a JSONL task, the slot model on the default task) on every backend
 * and in PyTorch; see the file comment for the method. Cost: ~workloads × rounds × systems × secondsPerRound.
 */
export async function runTrainerThroughputBenchmark(options: TrainerThroughputOptions = {}): Promise<TrainerThroughputReport> {
  const log = options.log ?? ((line: string) => console.log(line));
  const threads = options.threads ?? DEFAULT_THREADS;
  pinTensorflowThreads(threads);
  const models = options.models ?? (['transformer', 'slot'] as const);
  const available = await availableBackends();
  // The pure-JavaScript cpu backend only when asked for: a Transformer step takes seconds there.
  const backends = options.backends ? available.filter((name) => options.backends!.includes(name)) : available.filter((name) => name !== 'cpu' || available.length === 1);
  let pytorch = false;
  if (!options.skipPytorch) {
    pytorch = ensurePytorch(log);
    if (!pytorch) log('PyTorch is unavailable (python3-torch could not be imported): the PyTorch column is skipped');
  }
  const settings = { rounds: options.rounds ?? 5, secondsPerRound: options.secondsPerRound ?? 1.5, threads, pytorch };
  const workloads: WorkloadReport[] = [];
  for (const model of models) workloads.push(await measureWorkload(await workloadFor(model, options.jsonl), backends, settings, log));
  // The default JSONL model's line last: it is the one the bar is stated on.
  const summary = [...workloads.filter((w) => w.model !== 'transformer'), ...workloads.filter((w) => w.model === 'transformer')].map((w) => w.summary);
  for (const line of summary) log(line);
  return { workloads, summary };
}

/**
 * Where a training step's time goes on one backend: the step split into forward, backward and update (best of
 * rounds), and the kernels one step runs (tf.profile), by name: calls per step x median time per call. On
 * tfjs-node every kernel costs ~15-30 µs of fixed overhead whatever its size, so the count is the number to cut.
 */
export async function profileTrainerStep(backend: BackendName, models: readonly ModelName[], jsonl?: string, log: (line: string) => void = (line) => console.log(line)): Promise<void> {
  const { tf } = await loadBackend(backend);
  for (const model of models) {
    const workload = await workloadFor(model, jsonl);
    const runner = createTfjsRunner(tf, workload);
    for (let i = 0; i < 20; i++) runner.step();
    const bestMs = (run: () => void, repeats = backend === 'cpu' ? 2 : 20) => {
      let best = Infinity;
      for (let round = 0; round < 5; round++) {
        const start = performance.now();
        for (let i = 0; i < repeats; i++) run();
        best = Math.min(best, (performance.now() - start) / repeats);
      }
      return best;
    };
    const forward = bestMs(() => runner.forward());
    const gradients = bestMs(() => runner.forwardBackward());
    const step = bestMs(() => runner.step());
    const tokens = workload.batchTokens.reduce((sum, count) => sum + count, 0) / workload.batchTokens.length;
    log(`${backend}, ${workload.model}: ${workload.description}`);
    log(`  step ${step.toFixed(2)} ms (${formatRate((tokens / step) * 1000)} tokens/s) = forward ${forward.toFixed(2)} + backward ${(gradients - forward).toFixed(2)} + update ${(step - gradients).toFixed(2)} ms`);
    // Kernels of 10 calls; a kernel's time is its median call (single calls are spiky on a shared machine).
    for (const [label, run] of [['forward', () => runner.forward()], ['step', () => runner.step()]] as const) {
      const calls = 10;
      const profile = await tf.profile(() => {
        for (let i = 0; i < calls; i++) run();
      });
      const byName = new Map<string, number[]>();
      for (const kernel of profile.kernels) {
        const times = byName.get(kernel.name) ?? [];
        times.push(typeof kernel.kernelTimeMs === 'number' ? kernel.kernelTimeMs : 0);
        byName.set(kernel.name, times);
      }
      const groups = [...byName]
        .sort((a, b) => b[1].length - a[1].length)
        .map(([name, times]) => `${name} ${times.length / calls} x ${(median(times) * 1000).toFixed(0)} µs`);
      log(`  ${label}: ${profile.kernels.length / calls} kernels: ${groups.join(', ')}`);
    }
    runner.dispose();
  }
}

type ParsedArguments = { -readonly [K in keyof TrainerThroughputOptions]: TrainerThroughputOptions[K] } & { profile?: BackendName };

export function parseTrainerThroughputArguments(argv: readonly string[]): ParsedArguments {
  const options: ParsedArguments = {};
  const value = (i: number, flag: string): string => {
    const next = argv[i];
    if (next === undefined || next.startsWith('--')) throw new Error(`${flag}: expected a value`);
    return next;
  };
  const positiveInteger = (text: string, flag: string): number => {
    const number = Number(text);
    if (!Number.isInteger(number) || number < 1) throw new Error(`${flag}: expected a positive integer, got ${text}`);
    return number;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--rounds') options.rounds = positiveInteger(value(++i, flag), flag);
    else if (flag === '--seconds') options.secondsPerRound = Number(value(++i, flag));
    else if (flag === '--backends') options.backends = value(++i, flag).split(',') as BackendName[];
    else if (flag === '--models') {
      const models = value(++i, flag).split(',');
      const unknown = models.filter((model) => model !== 'transformer' && model !== 'slot');
      if (unknown.length > 0) throw new Error(`--models: unknown model ${unknown.join(', ')} (expected transformer, slot)`);
      options.models = models as ModelName[];
    } else if (flag === '--jsonl') options.jsonl = value(++i, flag);
    else if (flag === '--threads') options.threads = positiveInteger(value(++i, flag), flag);
    else if (flag === '--no-pytorch') options.skipPytorch = true;
    else if (flag === '--profile') options.profile = (argv[i + 1] && !argv[i + 1].startsWith('--') ? argv[++i] : 'tensorflow') as BackendName;
    else {
      throw new Error(`unknown option ${flag} (expected --models LIST, --jsonl FILE, --threads N, --rounds N, --seconds S, --backends LIST, --no-pytorch, --profile [BACKEND])`);
    }
  }
  return options;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const options = parseTrainerThroughputArguments(process.argv.slice(2));
  // Before any backend loads: TensorFlow sizes its thread pools once, when its context starts.
  pinTensorflowThreads(options.threads ?? DEFAULT_THREADS);
  if (options.profile) await profileTrainerStep(options.profile, options.models ?? ['transformer', 'slot'], options.jsonl);
  else {
    const report = await runTrainerThroughputBenchmark(options);
    if (report.workloads.some((workload) => !workload.mirrorAgrees)) {
      console.error(`trainer benchmark: the PyTorch mirror computes another function (first-batch losses differ by more than ${MIRROR_TOLERANCE} relative)`);
      process.exitCode = 1;
    }
  }
}
