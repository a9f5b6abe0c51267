import { afterEach, describe, expect, it, vi } from 'vitest';
import { availableBackends, loadBackend, type BackendName, type TfModule } from '../../src/trainer/backend.js';

// CI runs `npm run setup:native -- --strict` first and sets this, so a broken native build fails the suite
// instead of silently testing wasm only.
const nativeRequired = process.env.STOPWISE_REQUIRE_NATIVE === '1';
const available = await availableBackends();
const nativeAvailable = available.includes('tensorflow');

/** A dense layer's softmax cross-entropy and its gradient: the kind of computation training runs. */
function denseStep(tf: TfModule): { loss: number; gradient: number[] } {
  return tf.tidy(() => {
    const inputs = tf.tensor2d([[0.5, -1, 2], [1.5, 0.25, -0.75]]); // 2 x 3
    const labels = tf.oneHot(tf.tensor1d([2, 0], 'int32'), 4); // 2 x 4
    const weights = tf.tensor2d([[0.1, -0.2, 0.3, 0.05], [0.4, 0.1, -0.3, 0.2], [-0.15, 0.25, 0.1, -0.05]]); // 3 x 4
    const lossOf = (w: typeof weights) => tf.losses.softmaxCrossEntropy(labels, tf.matMul(inputs, w));
    const { value, grad } = tf.valueAndGrad(lossOf)(weights);
    return { loss: value.dataSync()[0], gradient: Array.from(grad.dataSync()) };
  });
}

function expectClose(actual: number[], expected: number[], tolerance = 1e-5): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((value, i) => expect(Math.abs(value - expected[i])).toBeLessThan(tolerance));
}

describe('loadBackend', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('runs on the cpu backend when cpu is forced', async () => {
    const { tf, backend, notes } = await loadBackend('cpu');
    expect(backend).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(notes).toEqual([]);
    const product = tf.tidy(() => tf.matMul(tf.tensor2d([[1, 2], [3, 4]]), tf.tensor2d([[5], [6]])).dataSync());
    expect(Array.from(product)).toEqual([17, 39]);
  });

  it('runs on the wasm backend when wasm is forced, on the module it returns', async () => {
    const { tf, backend } = await loadBackend('wasm');
    expect(backend).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    // The active backend object is the wasm one (it holds the instantiated module), not a cpu fallback.
    expect((tf.backend() as unknown as { wasm?: unknown }).wasm).toBeDefined();
    const cpu = denseStep((await loadBackend('cpu')).tf);
    const wasm = denseStep((await loadBackend('wasm')).tf);
    expect(Math.abs(wasm.loss - cpu.loss)).toBeLessThan(1e-5);
    expectClose(wasm.gradient, cpu.gradient);
  });

  it('lets STOPWISE_BACKEND choose the backend under auto, and says so', async () => {
    vi.stubEnv('STOPWISE_BACKEND', 'cpu');
    const { tf, backend, notes } = await loadBackend('auto');
    expect(backend).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(notes.join(' ')).toContain('STOPWISE_BACKEND');
  });

  it('rejects an unknown STOPWISE_BACKEND value naming the variable and the choices', async () => {
    vi.stubEnv('STOPWISE_BACKEND', 'gpu');
    await expect(loadBackend()).rejects.toThrow(/STOPWISE_BACKEND must be one of tensorflow, wasm, cpu \(got "gpu"\)/);
  });

  it('gives a forced backend precedence over STOPWISE_BACKEND', async () => {
    vi.stubEnv('STOPWISE_BACKEND', 'cpu');
    expect((await loadBackend('wasm')).backend).toBe('wasm');
  });

  it('re-activates the automatic choice after another backend was forced', async () => {
    const first = await loadBackend();
    await loadBackend('cpu');
    const again = await loadBackend();
    expect(again.backend).toBe(first.backend);
    expect(again.tf.getBackend()).toBe(first.backend);
    expect(first.backend).toBe(available[0]);
  });
});

describe('loadBackend when tfjs-node cannot load', () => {
  afterEach(() => {
    vi.doUnmock('@tensorflow/tfjs-node');
    vi.resetModules();
  });

  /** A fresh copy of the backend module (its memo empty) that sees tfjs-node failing with `error`. */
  async function withBrokenNative(error: Error & { code?: string }) {
    vi.resetModules();
    vi.doMock('@tensorflow/tfjs-node', () => {
      throw error;
    });
    return import('../../src/trainer/backend.js');
  }

  it('falls back to wasm under auto and explains why native was not used', async () => {
    const missing = Object.assign(new Error("Cannot find package '@tensorflow/tfjs-node' imported from x"), {
      code: 'ERR_MODULE_NOT_FOUND',
    });
    const fresh = await withBrokenNative(missing);
    const { tf, backend, notes } = await fresh.loadBackend();
    expect(backend).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/tensorflow backend unavailable: .*not installed.*npm run setup:native/);
    expect(await fresh.availableBackends()).toEqual(['wasm', 'cpu']);
  });

  it('errors clearly when the native backend is forced but its addon is broken', async () => {
    const fresh = await withBrokenNative(new Error('libtensorflow.so.2: cannot open shared object file'));
    await expect(fresh.loadBackend('tensorflow')).rejects.toThrow(
      /backend "tensorflow" was requested but is unavailable: @tensorflow\/tfjs-node failed to load \(libtensorflow\.so\.2: cannot open shared object file\); run `npm run setup:native`/,
    );
  });
});

describe('native TensorFlow backend', () => {
  it.runIf(nativeRequired)('is available (STOPWISE_REQUIRE_NATIVE=1)', async () => {
    const { notes } = await loadBackend();
    expect(nativeAvailable, `native backend required but unavailable: ${notes.join('; ')}`).toBe(true);
  });

  it.runIf(nativeAvailable)('is the automatic choice when tfjs-node is set up', async () => {
    const { tf, backend, notes } = await loadBackend();
    expect(backend).toBe('tensorflow');
    expect(tf.getBackend()).toBe('tensorflow');
    expect(notes).toEqual([]);
  });

  it.runIf(nativeAvailable)('computes what the cpu backend computes', async () => {
    const cpu = denseStep((await loadBackend('cpu')).tf);
    const native = denseStep((await loadBackend('tensorflow')).tf);
    expect(Math.abs(native.loss - cpu.loss)).toBeLessThan(1e-5);
    expectClose(native.gradient, cpu.gradient);
  });
});

describe('availableBackends', () => {
  it('lists working backends in preference order, always including wasm and cpu', () => {
    const order: BackendName[] = ['tensorflow', 'wasm', 'cpu'];
    expect(available).toEqual(order.filter((name) => available.includes(name)));
    expect(available).toContain('wasm');
    expect(available).toContain('cpu');
  });
});
