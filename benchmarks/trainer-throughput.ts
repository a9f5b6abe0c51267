/**
 * Trainer throughput benchmark (the project's bar: R ≥ 0.5 against PyTorch): training tokens per second of
 * the default model on every available TensorFlow.js backend and of the same model in PyTorch (Debian's
 * python3-torch, one thread), measured in the same run on the same batches.
 *
 *   node bin/run-ts.js benchmarks/trainer-throughput.ts [--rounds N] [--seconds S] [--backends tensorflow,wasm]
 *   node bin/run-ts.js benchmarks/trainer-throughput.ts --profile [BACKEND]   where a step's time goes (kernels)
 *
 * The systems take turns in short rounds (about S seconds each, default 1.5) so that they share whatever load
 * the machine has; each system's tokens/s is its best round (the least disturbed), and its median round is
 * shown too. The CPU column is tokens per second of the process's own CPU time: steadier on a shared machine,
 * but it charges tfjs-node for both of TensorFlow's threads while PyTorch runs on one.
 *
 * Each tfjs step is the trainer's own trainingStep (src/trainer/training-step.ts) with the trainer's model and
 * flat AdamW, at the learning rate train-run.ts would use after the same training tokens (learningRateAt).
 * Tokens are counted as the trainer counts them: every input and target character of every example in the
 * batch, padding excluded. PyTorch runs benchmarks/pytorch/trainer_step.py on the very batches measured here,
 * from the same initial weights (the first-batch loss of every system is printed as a check of the mirror).
 * When python3-torch (or an optimized BLAS for it) is missing, this script installs it with apt-get and says
 * so; without it the PyTorch column is skipped. Ends with
 *   trainer: BACKEND X tokens/s, pytorch Y tokens/s, ratio R
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Scalar, Tensor1D, Tensor2D } from '@tensorflow/tfjs';
import { createRng, shuffleInPlace } from '../src/random/rng.js';
import { availableBackends, loadBackend, type BackendName, type TfModule } from '../src/trainer/backend.js';
import { slotCrossEntropy } from '../src/trainer/cross-entropy.js';
import { DEFAULT_SEED, DEFAULT_TASK_SPEC, DEFAULT_TRAINING } from '../src/trainer/defaults.js';
import { encodeTask, tokensOf, type EncodedTask } from '../src/trainer/encoded-task.js';
import type { Seq2SeqModel } from '../src/trainer/models/index.js';
import { createSlotModel } from '../src/trainer/models/slot.js';
import { createOptimizer } from '../src/trainer/optimizer.js';
import { deriveSeed } from '../src/trainer/seeds.js';
import { createTaskTensors, taskDataOf, type TaskTensors } from '../src/trainer/task-tensors.js';
import { createTask } from '../src/trainer/tasks/index.js';
import type { TrainingConfig } from '../src/trainer/hyperparameters.js';
import { learningRateAt } from '../src/trainer/training-config.js';
import { trainingStep } from '../src/trainer/training-step.js';

const SYSTEM_PYTHON = '/usr/bin/python3';
const PYTORCH_SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'pytorch', 'trainer_step.py');
const APT_PACKAGES = ['python3-torch', 'libopenblas0-pthread'];

export interface TrainerThroughputOptions {
  /** Rounds per system (default 5). */
  readonly rounds?: number;
  /** Target duration of one round in seconds (default 1.5). */
  readonly secondsPerRound?: number;
  /** Backends to measure (default: every available one). */
  readonly backends?: readonly BackendName[];
  /** Skip the PyTorch reference. */
  readonly skipPytorch?: boolean;
  /** Where the table and the summary line go (default console.log). */
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
}

export interface TrainerThroughputReport {
  model: string;
  rows: ThroughputRow[];
  bestBackend?: ThroughputRow;
  pytorch?: ThroughputRow;
  ratio?: number;
  summary: string;
}

// ---- the model and its batches --------------------------------------------------------------------------------

/** Seed of the initial weights (as trainRun derives it), shared by every backend and by PyTorch. */
const WEIGHTS_SEED = deriveSeed(DEFAULT_SEED, 'weights');

interface Workload {
  description: string;
  task: EncodedTask;
  config: TrainingConfig;
  /** Example indices in training order: a seeded shuffle, as trainRun draws an epoch's minibatches. */
  order: Int32Array;
  /** Tokens of each consecutive batch of `order` (the trainer's tokensOf). */
  batchTokens: number[];
}

/**
 * The default task (defaults.ts) encoded by the trainer and one shuffled epoch of all its examples, cut into
 * batches of the default size. (A run trains on its fold's training split only; the batches are alike.)
 */
async function defaultWorkload(): Promise<Workload> {
  const task = encodeTask(await createTask(DEFAULT_TASK_SPEC, { baseDir: '.', source: 'trainer benchmark' }));
  const config = DEFAULT_TRAINING;
  const order = Int32Array.from(shuffleInPlace(Array.from({ length: task.size }, (_, i) => i), createRng(1)));
  const batchTokens: number[] = [];
  for (let start = 0; start + config.batchSize <= order.length; start += config.batchSize) {
    batchTokens.push(tokensOf(task.exampleTokens, order.subarray(start, start + config.batchSize)));
  }
  const { embedding, heads, width, depth, dropout, optimizer, learningRate, learningRateHalfLife, weightDecay, batchSize } = config;
  return {
    description: `${DEFAULT_TASK_SPEC.name} (${String(DEFAULT_TASK_SPEC.digits)} digits, ${task.size} examples); routed MLP emb ${embedding}/${heads} heads, ${depth} x ${width}, dropout ${dropout}; ${optimizer} lr ${learningRate} halving every ${learningRateHalfLife} tokens, wd ${weightDecay}; batch ${batchSize}`,
    task,
    config,
    order,
    batchTokens,
  };
}

/** Training steps per read of the loss: train-run.ts's LOSS_CHECK_STEPS (a read is a sync with the backend). */
const LOSS_READ_EVERY = 10;

/** One training step per call on the next batch; returns the tokens it used. */
interface StepRunner {
  step(): number;
  lastLoss(): number;
  /** Mean loss of the batch before any training step (the initial weights): checks the PyTorch mirror. */
  initialLoss(): number;
  /** The initial weights, in model.variables order, flattened row-major: PyTorch starts from the same ones. */
  initialWeights(): { shape: number[]; values: number[] }[];
  /** The loss of the next batch without training (forward only), and with its gradients (no update): for profiling. */
  forward(): void;
  forwardBackward(): void;
  dispose(): void;
}

/** Mean slot cross-entropy of the batch `rows`: the loss trainingStep minimizes. Allocates: call inside tidy. */
function batchLoss(tf: TfModule, model: Seq2SeqModel, data: TaskTensors, rows: Tensor1D, dropoutSeed?: number): Scalar {
  const inputs = tf.gather(data.inputs, rows) as Tensor2D;
  const targets = tf.gather(data.targets, rows) as Tensor2D;
  return tf.mean(slotCrossEntropy(tf, model.logits(inputs, targets, dropoutSeed), targets, data.shape.vocabularySize)) as Scalar;
}

/**
 * The default model on the active tfjs backend, trained step for step as src/trainer/train-run.ts does: the
 * trainer's model, flat optimizer and trainingStep (src/trainer/training-step.ts) on a slice of the epoch order,
 * the learning rate from learningRateAt at the training tokens seen so far, a dropout seed per step, the losses
 * kept and read every LOSS_READ_EVERY steps.
 */
function createTfjsRunner(tf: TfModule, workload: Workload): StepRunner {
  const { task, config } = workload;
  const data = createTaskTensors(tf, taskDataOf(task));
  const model = createSlotModel(tf, data.shape, config, WEIGHTS_SEED);
  const initialWeights = model.variables.map((variable) => ({ shape: [...variable.shape], values: Array.from(variable.dataSync()) }));
  const optimizer = createOptimizer(tf, config, model.variables, model.decayed);
  const order = tf.tensor1d(workload.order, 'int32');
  const batchSize = config.batchSize;
  let cursor = 0;
  let trainingTokens = 0;
  let pending: Scalar[] = [];
  let loss = Number.NaN;
  const firstLoss = tf.tidy(() => batchLoss(tf, model, data, tf.slice(order, 0, batchSize)).dataSync()[0]);
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
      tf.tidy(() => batchLoss(tf, model, data, tf.slice(order, start, batchSize)).dataSync());
    },
    forwardBackward() {
      const { start } = nextBatch();
      tf.tidy(() =>
        tf.variableGrads(() => batchLoss(tf, model, data, tf.slice(order, start, batchSize)), [...model.variables]).value.dataSync(),
      );
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

/** Makes Debian's PyTorch (and OpenBLAS for it) available, installing them with apt-get when absent. */
function ensurePytorch(log: (line: string) => void): boolean {
  const hasTorch = pythonCan('import torch');
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
  return pythonCan('import torch');
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

  constructor(specPath: string) {
    // OpenBLAS would start a thread per core; one thread keeps PyTorch at the setting measured fastest here.
    this.child = spawn(SYSTEM_PYTHON, [PYTORCH_SCRIPT, specPath], { env: { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1' } });
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

/** Measures every system in interleaved rounds; see the file comment for the method. Cost: ~rounds × systems × secondsPerRound. */
export async function runTrainerThroughputBenchmark(options: TrainerThroughputOptions = {}): Promise<TrainerThroughputReport> {
  const log = options.log ?? ((line: string) => console.log(line));
  const rounds = options.rounds ?? 5;
  const secondsPerRound = options.secondsPerRound ?? 1.5;
  const workload = await defaultWorkload();
  const systems: System[] = [];

  const backends = (await availableBackends()).filter((name) => !options.backends || options.backends.includes(name));
  let initialWeights: { shape: number[]; values: number[] }[] | undefined;
  for (const backend of backends) {
    const runner = createTfjsRunner((await loadBackend(backend)).tf, workload);
    initialWeights ??= runner.initialWeights();
    systems.push(tfjsSystem(backend, runner));
  }

  let scratch: string | undefined;
  let blas = '';
  if (!options.skipPytorch && ensurePytorch(log)) {
    scratch = mkdtempSync(join(tmpdir(), 'stopwise-bench-'));
    const specPath = join(scratch, 'spec.json');
    const { learningRate, learningRateHalfLife, optimizer, weightDecay, ...model } = workload.config;
    const { task } = workload;
    if (!initialWeights) {
      // No tfjs backend measured: build the model once on the default backend for its initial weights.
      const runner = createTfjsRunner((await loadBackend()).tf, workload);
      initialWeights = runner.initialWeights();
      runner.dispose();
    }
    const spec = {
      model: { inputWidth: task.inputWidth, targetWidth: task.targetWidth, vocabularySize: task.tokenizer.size, ...model },
      optimizer: { name: optimizer, learningRate, learningRateHalfLife, weightDecay },
      initialWeights,
      inputs: Array.from(task.inputs),
      targets: Array.from(task.targets),
      order: Array.from(workload.order),
      batchTokens: workload.batchTokens,
      lossReadEvery: LOSS_READ_EVERY,
    };
    writeFileSync(specPath, JSON.stringify(spec));
    const worker = new PytorchWorker(specPath);
    const info = await worker.request<{ torch: string; threads: number; blas: string; initialLoss: number }>({ op: 'info' });
    blas = `torch ${info.torch}, ${info.threads} thread, BLAS ${info.blas}`;
    if (info.blas.startsWith('reference')) {
      log('warning: PyTorch multiplies matrices with the reference BLAS (~2 GFLOP/s): a weak baseline; `apt-get install libopenblas0-pthread` gives it OpenBLAS');
    }
    systems.push({
      name: 'pytorch',
      initialLoss: info.initialLoss,
      run: (steps) => worker.request<PytorchRound>({ op: 'run', steps }),
      close: () => worker.close(),
    });
  } else if (!options.skipPytorch) {
    log('PyTorch is unavailable (python3-torch could not be imported): the PyTorch column is skipped');
  }

  log(`trainer throughput: ${workload.description}; ${rounds} rounds of ~${secondsPerRound} s per system${blas ? `; ${blas}` : ''}`);
  // Same initial weights and batch on every system: these agree to float32 rounding when the models are the same.
  log(`first-batch loss at the initial weights: ${systems.map((system) => `${system.name} ${system.initialLoss.toFixed(5)}`).join(', ')}`);
  // Calibrate steps per round on warm systems: the first steps pay for allocation and kernel selection.
  const stepsPerRound = new Map<System, number>();
  for (const system of systems) {
    let probe = await system.run(1);
    for (let steps = 2; probe.wallSeconds < 0.3 && steps <= 64; steps *= 2) probe = await system.run(steps);
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
  if (scratch) rmSync(scratch, { recursive: true, force: true });

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
    };
  });
  log('');
  log(`${'system'.padEnd(16)}${'tokens/s'.padStart(10)}${'median'.padStart(10)}${'per CPU-s'.padStart(11)}${'steps/round'.padStart(13)}${'loss'.padStart(9)}`);
  for (const row of rows) {
    log(`${row.system.padEnd(16)}${formatRate(row.best).padStart(10)}${formatRate(row.median).padStart(10)}${formatRate(row.perCpuSecond).padStart(11)}${String(row.stepsPerRound).padStart(13)}${row.finalLoss.toFixed(3).padStart(9)}`);
  }
  const tfjsRows = rows.filter((row) => row.system.startsWith('tfjs '));
  const bestBackend = tfjsRows.reduce<ThroughputRow | undefined>((a, b) => (!a || b.best > a.best ? b : a), undefined);
  const pytorch = rows.find((row) => row.system === 'pytorch');
  const ratio = bestBackend && pytorch ? bestBackend.best / pytorch.best : undefined;
  const load = loadavg()[0];
  if (load > cpus().length) {
    log(`note: load average ${load.toFixed(1)} on ${cpus().length} cores: other processes took turns with these; wall-clock rates favour multi-threaded tfjs-node, the CPU column does not (ratio per CPU-second ${bestBackend && pytorch ? (bestBackend.perCpuSecond / pytorch.perCpuSecond).toFixed(2) : 'n/a'})`);
  }
  const summary = `trainer: ${bestBackend ? bestBackend.system.slice(5) : 'none'} ${bestBackend ? Math.round(bestBackend.best) : 'n/a'} tokens/s, pytorch ${pytorch ? Math.round(pytorch.best) : 'n/a'} tokens/s, ratio ${ratio === undefined ? 'n/a' : ratio.toFixed(2)}`;
  log('');
  log(summary);
  return { model: workload.description, rows, bestBackend, pytorch, ratio, summary };
}

/**
 * Where a training step's time goes on one backend: the step split into forward, backward and update (best of
 * rounds), and the kernels one step runs (tf.profile), by name: calls per step x median time per call. On
 * tfjs-node every kernel costs ~15-30 µs of fixed overhead whatever its size, so the count is the number to cut.
 */
export async function profileTrainerStep(backend: BackendName, log: (line: string) => void = (line) => console.log(line)): Promise<void> {
  const { tf } = await loadBackend(backend);
  const workload = await defaultWorkload();
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
  log(`${backend}: ${workload.description}`);
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

function parseArguments(argv: string[]): TrainerThroughputOptions & { profile?: BackendName } {
  const options: { rounds?: number; secondsPerRound?: number; backends?: BackendName[]; skipPytorch?: boolean; profile?: BackendName } = {};
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--rounds') options.rounds = Number(argv[++i]);
    else if (flag === '--seconds') options.secondsPerRound = Number(argv[++i]);
    else if (flag === '--backends') options.backends = argv[++i].split(',') as BackendName[];
    else if (flag === '--no-pytorch') options.skipPytorch = true;
    else if (flag === '--profile') options.profile = (argv[i + 1] && !argv[i + 1].startsWith('--') ? argv[++i] : 'tensorflow') as BackendName;
    else throw new Error(`unknown option ${flag} (expected --rounds N, --seconds S, --backends LIST, --no-pytorch, --profile [BACKEND])`);
  }
  return options;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const options = parseArguments(process.argv.slice(2));
  if (options.profile) await profileTrainerStep(options.profile);
  else await runTrainerThroughputBenchmark(options);
}
