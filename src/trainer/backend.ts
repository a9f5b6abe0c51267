/**
 * TensorFlow.js backend selection: native TensorFlow through `@tensorflow/tfjs-node` when it loads, else the
 * wasm backend of `@tensorflow/tfjs`, else its pure-JavaScript cpu backend.
 *
 * tfjs keeps one engine per process and one active backend in it, so the backend is process-global state: the
 * most recent `loadBackend` call decides where every later op runs. Modules are imported and backends
 * initialized once per process; switching back to one already initialized costs nothing measurable.
 *
 * `@tensorflow/tfjs-node` is an optional dependency that `npm ci` cannot build here (its install script
 * downloads libtensorflow); `npm run setup:native` builds it from a local TensorFlow C library.
 */
import { createRequire } from 'node:module';
import { dirname, sep } from 'node:path';
import { BACKEND_PREFERENCE, type BackendName } from './backend-names.js';

export { BACKEND_PREFERENCE, type BackendName } from './backend-names.js';
export type TfModule = typeof import('@tensorflow/tfjs');

export interface LoadedBackend {
  /** The tfjs API bound to the engine whose active backend is `backend` (the tfjs-node module when native). */
  tf: TfModule;
  backend: BackendName;
  /** why a preferred backend was not used, for the user */
  notes: string[];
}

const BACKEND_ENV = 'STOPWISE_BACKEND';
/** Held in a variable so TypeScript does not resolve it: the package is optional and usually absent. */
const NATIVE_PACKAGE = '@tensorflow/tfjs-node';
const SETUP_HINT = 'run `npm run setup:native` to build it from a local TensorFlow library';

/** One memoized initialization per backend; a rejection is kept too (a backend that failed stays failed). */
const initializations = new Map<BackendName, Promise<TfModule>>();
let autoChoice: Promise<{ backend: BackendName; notes: string[] }> | undefined;

function isBackendName(value: string): value is BackendName {
  return (BACKEND_PREFERENCE as readonly string[]).includes(value);
}

/** The innermost `cause`: module loaders (vitest, tsx) wrap import failures in errors of their own. */
function rootCause(error: unknown): unknown {
  let current = error;
  for (let depth = 0; depth < 10 && current instanceof Error && current.cause !== undefined; depth++) current = current.cause;
  return current;
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0].trim();
}

async function initializeNative(): Promise<TfModule> {
  // TensorFlow's C++ logging prints INFO/WARNING lines on stderr at load; keep them out of the terminal UI
  // unless the user asked for them.
  process.env.TF_CPP_MIN_LOG_LEVEL ??= '2';
  let loaded: TfModule & { default?: TfModule };
  try {
    loaded = (await import(NATIVE_PACKAGE)) as TfModule & { default?: TfModule };
  } catch (error) {
    const cause = rootCause(error);
    const code = (cause as { code?: string } | undefined)?.code;
    if ((code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && firstLine(cause).includes(NATIVE_PACKAGE)) {
      throw new Error(`${NATIVE_PACKAGE} is not installed; ${SETUP_HINT}`);
    }
    throw new Error(`${NATIVE_PACKAGE} failed to load (${firstLine(cause)}); ${SETUP_HINT}`);
  }
  // tfjs-node is CommonJS: its `module.exports` (the default export) is the complete tfjs API re-exported on
  // the tfjs-core engine that tfjs-node registered its backend with.
  const tf = loaded.default ?? loaded;
  if (!(await tf.setBackend('tensorflow'))) {
    throw new Error(`${NATIVE_PACKAGE} loaded but its tensorflow backend did not initialize`);
  }
  return tf;
}

async function initializeWasm(): Promise<TfModule> {
  const tf = await import('@tensorflow/tfjs');
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  // Under Node the wasm binaries are read from disk; the prefix must be the package's dist folder. It can be
  // set only before the backend's first initialization (which another copy of this module may have done).
  if (!('wasm' in tf.engine().registry)) {
    const require = createRequire(import.meta.url);
    const wasmDirectory = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
    wasm.setWasmPaths(wasmDirectory + sep);
  }
  // setBackend resolves false (and tfjs quietly stays on cpu) when the wasm module fails to start, e.g. when
  // threads are forced under Node; so the return value is the only reliable signal.
  if (!(await tf.setBackend('wasm'))) throw new Error('the wasm backend failed to initialize');
  return tf;
}

async function initializeCpu(): Promise<TfModule> {
  const tf = await import('@tensorflow/tfjs');
  if (!(await tf.setBackend('cpu'))) throw new Error('the cpu backend failed to initialize');
  return tf;
}

const initializers: Record<BackendName, () => Promise<TfModule>> = {
  tensorflow: initializeNative,
  wasm: initializeWasm,
  cpu: initializeCpu,
};

/** Makes `name` the active backend, initializing it on first use; rejects with the reason it is unavailable. */
async function activate(name: BackendName): Promise<TfModule> {
  let initialization = initializations.get(name);
  if (!initialization) {
    initialization = initializers[name]();
    initializations.set(name, initialization);
  }
  const tf = await initialization;
  if (tf.getBackend() !== name && !(await tf.setBackend(name))) {
    throw new Error(`the ${name} backend could not be re-activated`);
  }
  return tf;
}

async function chooseAutomatically(): Promise<{ backend: BackendName; notes: string[] }> {
  const notes: string[] = [];
  for (const name of BACKEND_PREFERENCE) {
    try {
      await activate(name);
      return { backend: name, notes };
    } catch (error) {
      notes.push(`${name} backend unavailable: ${firstLine(error)}`);
    }
  }
  throw new Error(`no TensorFlow.js backend could be initialized (${notes.join('; ')})`);
}

async function loadForced(name: BackendName, notes: string[]): Promise<LoadedBackend> {
  try {
    return { tf: await activate(name), backend: name, notes };
  } catch (error) {
    throw new Error(`TensorFlow.js backend "${name}" was requested but is unavailable: ${firstLine(error)}`);
  }
}

/**
 * Loads tfjs and activates a backend. `prefer` 'auto' (default) takes the first that works of native
 * TensorFlow → wasm → cpu, unless env STOPWISE_BACKEND names one; naming a backend forces it, and a forced
 * backend that cannot start is an Error saying why. Imports and initializations happen once per process
 * (the first native load takes ~1 s); later calls only re-activate.
 */
export async function loadBackend(prefer: 'auto' | BackendName = 'auto'): Promise<LoadedBackend> {
  if (prefer !== 'auto') return loadForced(prefer, []);
  const fromEnvironment = process.env[BACKEND_ENV]?.trim();
  if (fromEnvironment) {
    if (!isBackendName(fromEnvironment)) {
      throw new Error(`${BACKEND_ENV} must be one of ${BACKEND_PREFERENCE.join(', ')} (got "${fromEnvironment}")`);
    }
    return loadForced(fromEnvironment, [`backend ${fromEnvironment} chosen by ${BACKEND_ENV}`]);
  }
  autoChoice ??= chooseAutomatically();
  const { backend, notes } = await autoChoice;
  return { tf: await activate(backend), backend, notes: [...notes] };
}

/**
 * The backends that initialize in this process, in preference order (what tests parametrize over). Probing
 * initializes each one (native ~1 s the first time); afterwards the most preferred one is active again.
 */
export async function availableBackends(): Promise<BackendName[]> {
  const available: BackendName[] = [];
  for (const name of BACKEND_PREFERENCE) {
    try {
      await activate(name);
      available.push(name);
    } catch {
      // unavailable: its reason is reported by loadBackend
    }
  }
  if (available.length > 0) await activate(available[0]);
  return available;
}
