#!/usr/bin/env node
// `npm run setup:native`: makes @tensorflow/tfjs-node (the native TensorFlow backend) work on machines where
// its install script cannot download libtensorflow, by building its addon against a TensorFlow C library
// found locally:
//   1. a folder or wheel the user names with --from (a folder holding libtensorflow_cc.so.2 or
//      libtensorflow.so.2 plus libtensorflow_framework.so.2 and include/, an unpacked tensorflow wheel, the
//      official libtensorflow archive unpacked, or a tensorflow(-cpu) .whl file);
//   2. the cache of an earlier run (~/.cache/stopwise/tensorflow-VERSION/);
//   3. the tensorflow-cpu wheel from pip's configured indexes (`pip download`), of which only the two
//      libraries and the handful of C headers the addon includes are extracted (~850 MB, not 1.3 GB).
// tfjs-node 4.x binds only TF_*/TFE_* C functions, which TensorFlow 2.x still exports, so a newer library
// than the 2.9.1 it was released with works. Steps are explained on stderr. When no library can be found it
// says training will use wasm and exits 0 (1 with --strict). A second run that finds tfjs-node working exits
// at once. Linux only (the layout of the .so files); elsewhere tfjs-node's own install usually works.
import { spawnSync } from 'node:child_process';
import {
  copyFileSync, existsSync, linkSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync,
  symlinkSync, writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const PROJECT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const NATIVE_PACKAGE = '@tensorflow/tfjs-node';
const PACKAGE_DIR = join(PROJECT, 'node_modules', '@tensorflow', 'tfjs-node');
const DEFAULT_TF_VERSION = '2.21.0';
// The version tfjs-node's install script looks for; present, it skips its download and builds.
const TFJS_NODE_EXPECTED_LIB = 'libtensorflow.so.2.9.1';
const MAIN_LIBRARIES = ['libtensorflow_cc.so.2', 'libtensorflow.so.2'];
const FRAMEWORK_LIBRARY = 'libtensorflow_framework.so.2';

const USAGE = `usage: npm run setup:native -- [--from PATH] [--tf-version V] [--strict] [--force]
  --from PATH      a TensorFlow C library to build against: a folder with libtensorflow_cc.so.2 (or
                   libtensorflow.so.2), libtensorflow_framework.so.2 and include/ (an unpacked wheel's
                   tensorflow/ folder, or the unpacked libtensorflow archive), or a tensorflow .whl file
  --tf-version V   tensorflow-cpu version to fetch with pip when --from is not given (default ${DEFAULT_TF_VERSION})
  --strict         exit 1 when the native backend cannot be set up (CI); by default exit 0 and use wasm
  --force          rebuild even when tfjs-node already works
Cache: $STOPWISE_CACHE_DIR, else $XDG_CACHE_HOME/stopwise, else ~/.cache/stopwise.`;

class SetupError extends Error {}
/** No TensorFlow C library could be found: the expected, quiet failure (one line, then wasm). */
class LibraryNotFound extends SetupError {}

function say(message) {
  process.stderr.write(`setup:native: ${message}\n`);
}

function parseArguments(argv) {
  const options = { from: undefined, tfVersion: DEFAULT_TF_VERSION, strict: false, force: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new SetupError(`${flag} needs a value\n${USAGE}`);
      return argv[++i];
    };
    if (flag === '--from') options.from = resolve(value());
    else if (flag === '--tf-version') options.tfVersion = value();
    else if (flag === '--strict') options.strict = true;
    else if (flag === '--force') options.force = true;
    else if (flag === '--help' || flag === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else throw new SetupError(`unknown option ${flag}\n${USAGE}`);
  }
  return options;
}

function cacheRoot() {
  if (process.env.STOPWISE_CACHE_DIR) return resolve(process.env.STOPWISE_CACHE_DIR);
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'stopwise');
}

/** Runs a command, returning {status, stdout, stderr}; never throws on a non-zero exit. */
function run(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  return { status: result.error ? -1 : result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? String(result.error ?? '') };
}

function tail(text, lines = 15) {
  return text.trim().split('\n').slice(-lines).join('\n');
}

// ---- verification -------------------------------------------------------------------------------------------

const VERIFY_SOURCE = `
const loaded = await import(${JSON.stringify(NATIVE_PACKAGE)});
const tf = loaded.default ?? loaded;
await tf.ready();
const a = tf.tensor2d([[1, 2], [3, 4]]);
const product = Array.from(tf.matMul(a, a).dataSync());
process.stdout.write(JSON.stringify({ backend: tf.getBackend(), product, version: tf.version['tfjs-node'] }));
`;

/** Loads tfjs-node in a child process (a failed native load can abort the process) and checks it computes. */
function verifyNative() {
  if (!existsSync(join(PACKAGE_DIR, 'package.json'))) return { ok: false, reason: `${NATIVE_PACKAGE} is not installed` };
  const result = run(process.execPath, ['--input-type=module', '-e', VERIFY_SOURCE], {
    cwd: PROJECT,
    env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '2' },
    timeout: 120_000,
  });
  if (result.status !== 0) return { ok: false, reason: tail(result.stderr, 3) || `exit code ${result.status}` };
  try {
    const report = JSON.parse(result.stdout.trim().split('\n').pop());
    const expected = [7, 10, 15, 22];
    if (report.backend !== 'tensorflow') return { ok: false, reason: `backend is ${report.backend}, not tensorflow` };
    if (report.product.some((value, i) => value !== expected[i])) {
      return { ok: false, reason: `matMul gave ${report.product}, expected ${expected}` };
    }
    return { ok: true, version: report.version };
  } catch {
    return { ok: false, reason: `unexpected output: ${tail(result.stdout, 3)}` };
  }
}

// ---- finding a TensorFlow C library -------------------------------------------------------------------------

/** A usable library folder: {libraryDir, mainLibrary, includeDir} or undefined. */
function describeLibraryFolder(folder) {
  const candidates = [folder, join(folder, 'tensorflow'), join(folder, 'lib')];
  for (const libraryDir of candidates) {
    const mainLibrary = MAIN_LIBRARIES.find((name) => existsSync(join(libraryDir, name)));
    if (!mainLibrary || !existsSync(join(libraryDir, FRAMEWORK_LIBRARY))) continue;
    const includeDir = [join(libraryDir, 'include'), join(dirname(libraryDir), 'include'), join(folder, 'include')]
      .find((dir) => existsSync(join(dir, 'tensorflow', 'c', 'c_api.h')));
    return { libraryDir, mainLibrary, includeDir };
  }
  return undefined;
}

/** The C headers tfjs-node's binding includes, directly (the extraction seeds; their closure is followed). */
function bindingHeaders() {
  const bindingDir = join(PACKAGE_DIR, 'binding');
  // What tfjs-node 4.22's binding includes; the scan below adds whatever another version includes.
  const headers = new Set(['tensorflow/c/c_api.h', 'tensorflow/c/eager/c_api.h', 'tensorflow/c/tf_datatype.h',
    'tensorflow/c/tf_status.h', 'tensorflow/c/tf_tensor.h', 'tensorflow/core/platform/ctstring_internal.h']);
  if (existsSync(bindingDir)) {
    for (const file of readdirSync(bindingDir)) {
      const text = readFileSync(join(bindingDir, file), 'utf8');
      for (const match of text.matchAll(/^\s*#\s*include\s*"(tensorflow\/[^"]+)"/gm)) headers.add(match[1]);
    }
  }
  return [...headers];
}

// Extracts from a wheel only the two libraries and the closure of quoted #includes reachable from the
// binding's headers (14 files for TF 2.21), streaming each member to disk.
const EXTRACT_SOURCE = `
import json, os, re, shutil, sys, zipfile
wheel, destination, libraries, seeds = sys.argv[1], sys.argv[2], json.loads(sys.argv[3]), json.loads(sys.argv[4])
archive = zipfile.ZipFile(wheel)
names = set(archive.namelist())
root = 'tensorflow/include/'
include_pattern = re.compile(r'^\\s*#\\s*include\\s*"([^"]+)"', re.M)
def extract(member, target):
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with archive.open(member) as source, open(target, 'wb') as sink:
        shutil.copyfileobj(source, sink, 1 << 22)
found = [name for name in libraries if 'tensorflow/' + name in names]
for name in found:
    extract('tensorflow/' + name, os.path.join(destination, name))
seen, pending = set(), list(seeds)
while pending:
    header = pending.pop()
    if header in seen or root + header not in names:
        continue
    seen.add(header)
    extract(root + header, os.path.join(destination, 'include', header))
    pending += include_pattern.findall(archive.read(root + header).decode('utf-8', 'replace'))
print(json.dumps({'libraries': found, 'headers': len(seen)}))
`;

function findPython() {
  for (const python of ['python3', 'python']) {
    if (run(python, ['-m', 'pip', '--version']).status === 0) return python;
  }
  return undefined;
}

/** Unpacks the needed members of `wheel` into the cache folder `target`; returns the library folder. */
function extractWheel(wheel, target, python) {
  const staging = `${target}.partial`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  say(`extracting the libraries and C headers from ${basename(wheel)} into ${target} (~850 MB)`);
  const result = run(python ?? 'python3', ['-c', EXTRACT_SOURCE, wheel, staging,
    JSON.stringify([...MAIN_LIBRARIES, FRAMEWORK_LIBRARY]), JSON.stringify(bindingHeaders())]);
  if (result.status !== 0) {
    rmSync(staging, { recursive: true, force: true });
    throw new SetupError(`could not extract ${wheel}: ${tail(result.stderr, 3)}`);
  }
  const folder = describeLibraryFolder(staging);
  if (!folder || !folder.includeDir) {
    rmSync(staging, { recursive: true, force: true });
    throw new SetupError(`${basename(wheel)} holds no TensorFlow C library (libtensorflow_cc.so.2 + libtensorflow_framework.so.2 + headers)`);
  }
  writeFileSync(join(staging, 'SOURCE'), `${basename(wheel)}\n`);
  rmSync(target, { recursive: true, force: true });
  renameSync(staging, target); // the cache folder exists only once it is complete
  return describeLibraryFolder(target);
}

/** A library source: `{ folder }` ready to stage, or `{ wheel, target }` to extract once tfjs-node is installed. */
function fromUserPath(path) {
  if (!existsSync(path)) throw new LibraryNotFound(`--from ${path}: no such file or folder`);
  if (statSync(path).isFile()) {
    if (!path.endsWith('.whl')) throw new SetupError(`--from ${path}: expected a folder or a .whl file`);
    const target = join(cacheRoot(), basename(path, '.whl'));
    const cached = describeLibraryFolder(target);
    return cached?.includeDir ? { folder: cached } : { wheel: path, target, keepWheel: true };
  }
  const folder = describeLibraryFolder(path);
  if (!folder) {
    throw new LibraryNotFound(`--from ${path}: found neither ${MAIN_LIBRARIES.join(' nor ')} with ${FRAMEWORK_LIBRARY} in it, its tensorflow/ or its lib/`);
  }
  if (!folder.includeDir) throw new SetupError(`--from ${path}: found the libraries but no include/tensorflow/c/c_api.h next to them`);
  return { folder };
}

function fromPip(options) {
  const target = join(cacheRoot(), `tensorflow-${options.tfVersion}`);
  const cached = describeLibraryFolder(target);
  if (cached?.includeDir) {
    say(`using the TensorFlow ${options.tfVersion} library cached in ${target}`);
    return { folder: cached };
  }
  const python = findPython();
  if (!python) throw new LibraryNotFound('pip is not available (tried python3 -m pip, python -m pip)');
  const downloads = join(cacheRoot(), 'downloads');
  mkdirSync(downloads, { recursive: true });
  const requirement = `tensorflow-cpu==${options.tfVersion}`;
  say(`downloading ${requirement} with pip from its configured indexes (a ~270 MB wheel)`);
  const result = run(python, ['-m', 'pip', 'download', requirement, '--no-deps', '--only-binary=:all:',
    '--disable-pip-version-check', '-d', downloads], { timeout: 30 * 60_000 });
  const wheel = readdirSync(downloads)
    .filter((name) => name.endsWith('.whl') && name.startsWith(`tensorflow_cpu-${options.tfVersion}-`))
    .map((name) => join(downloads, name))[0];
  if (result.status !== 0 || !wheel) {
    throw new LibraryNotFound(`pip download ${requirement} failed: ${tail(result.stderr || result.stdout, 1)}`);
  }
  // The extracted files are what the cache keeps; the wheel goes once they are out.
  return { wheel, target, python, keepWheel: false };
}

function materialize(source) {
  if (source.folder) return source.folder;
  const folder = extractWheel(source.wheel, source.target, source.python ?? findPython());
  if (!source.keepWheel) rmSync(source.wheel, { force: true });
  return folder;
}

// ---- installing and building tfjs-node ----------------------------------------------------------------------

function tfjsNodeVersion() {
  try {
    const lock = JSON.parse(readFileSync(join(PROJECT, 'package-lock.json'), 'utf8'));
    const locked = lock.packages?.[`node_modules/${NATIVE_PACKAGE}`]?.version;
    if (locked) return locked;
  } catch {
    // no lock file: fall back to package.json
  }
  const manifest = JSON.parse(readFileSync(join(PROJECT, 'package.json'), 'utf8'));
  const range = manifest.optionalDependencies?.[NATIVE_PACKAGE] ?? manifest.dependencies?.[NATIVE_PACKAGE];
  return range ? range.replace(/^[\^~=]/, '') : '4.22.0';
}

function installPackage() {
  if (existsSync(join(PACKAGE_DIR, 'package.json'))) return;
  const version = tfjsNodeVersion();
  say(`installing ${NATIVE_PACKAGE}@${version} without its install script (which would try to download libtensorflow)`);
  // `--no-save` must leave package.json and the lock file alone; restore them if an npm version disagrees.
  const manifests = ['package.json', 'package-lock.json'].map((name) => join(PROJECT, name)).filter(existsSync);
  const before = manifests.map((file) => readFileSync(file));
  const npm = process.env.npm_execpath
    ? { command: process.execPath, prefix: [process.env.npm_execpath] }
    : { command: 'npm', prefix: [] };
  const result = run(npm.command, [...npm.prefix, 'install', '--no-save', '--ignore-scripts', '--no-audit', '--no-fund',
    `${NATIVE_PACKAGE}@${version}`], { cwd: PROJECT });
  manifests.forEach((file, i) => {
    if (!readFileSync(file).equals(before[i])) writeFileSync(file, before[i]);
  });
  if (result.status !== 0 || !existsSync(join(PACKAGE_DIR, 'package.json'))) {
    throw new SetupError(`npm install ${NATIVE_PACKAGE}@${version} failed: ${tail(result.stderr, 3)}`);
  }
}

/** Hard link when on the same file system (no second copy of 850 MB), else copy. */
function linkOrCopy(source, target) {
  try {
    linkSync(source, target);
    return 'linked';
  } catch {
    copyFileSync(source, target);
    return 'copied';
  }
}

/**
 * Lays the library out as tfjs-node's build expects: deps/lib/libtensorflow.so and libtensorflow_framework.so
 * for the linker (-ltensorflow -ltensorflow_framework; the addon's rpath is $ORIGIN/../../deps/lib, and it
 * records the libraries' sonames), libtensorflow.so.2.9.1 so its install script skips the download, and
 * deps/include for the headers (needed at build time only).
 */
function stageLibrary(folder) {
  const missing = bindingHeaders().filter((header) => !existsSync(join(folder.includeDir, header)));
  if (missing.length > 0) {
    throw new SetupError(`${folder.includeDir} lacks ${missing.join(', ')} (a cache from another tfjs-node version? delete it and rerun)`);
  }
  const deps = join(PACKAGE_DIR, 'deps');
  const lib = join(deps, 'lib');
  rmSync(deps, { recursive: true, force: true });
  mkdirSync(lib, { recursive: true });
  const how = [folder.mainLibrary, FRAMEWORK_LIBRARY].map((name) => linkOrCopy(join(folder.libraryDir, name), join(lib, name)));
  symlinkSync(folder.mainLibrary, join(lib, 'libtensorflow.so'));
  symlinkSync(folder.mainLibrary, join(lib, TFJS_NODE_EXPECTED_LIB));
  symlinkSync(FRAMEWORK_LIBRARY, join(lib, 'libtensorflow_framework.so'));
  symlinkSync(folder.includeDir, join(deps, 'include'));
  say(`staged ${folder.mainLibrary} and ${FRAMEWORK_LIBRARY} (${how[0]} from ${folder.libraryDir}) in ${lib}`);
}

/** Folder holding Node's headers (include/node/node_api.h), so node-gyp does not try to download them. */
function nodeHeadersDir() {
  if (process.env.npm_config_nodedir) return process.env.npm_config_nodedir;
  const prefix = dirname(dirname(process.execPath));
  return existsSync(join(prefix, 'include', 'node', 'node_api.h')) ? prefix : undefined;
}

function buildAddon() {
  const require = createRequire(join(PACKAGE_DIR, 'package.json'));
  let preGyp;
  try {
    preGyp = require.resolve('@mapbox/node-pre-gyp/bin/node-pre-gyp');
  } catch {
    throw new SetupError(`@mapbox/node-pre-gyp (a dependency of ${NATIVE_PACKAGE}) is missing; rerun after \`npm ci\``);
  }
  // --build-from-source: compile directly, instead of the install script's attempt to download a prebuilt addon.
  const args = [preGyp, 'install', '--build-from-source'];
  const nodedir = nodeHeadersDir();
  if (nodedir) args.push(`--nodedir=${nodedir}`);
  say('compiling the tfjs-node addon with node-gyp (~20 s; needs python3, make and a C++ compiler)');
  const result = run(process.execPath, args, { cwd: PACKAGE_DIR, timeout: 20 * 60_000 });
  const log = join(cacheRoot(), 'tfjs-node-build.log');
  mkdirSync(dirname(log), { recursive: true });
  writeFileSync(log, `${result.stdout}\n${result.stderr}`);
  if (result.status !== 0) throw new SetupError(`building the addon failed (full log: ${log}):\n${tail(result.stderr)}`);
}

// ---- main ---------------------------------------------------------------------------------------------------

function setUp(options) {
  if (process.platform !== 'linux') {
    throw new SetupError(`only Linux is supported (this is ${process.platform}); there \`npm install ${NATIVE_PACKAGE}\` usually downloads its library`);
  }
  const source = options.from ? fromUserPath(options.from) : fromPip(options);
  installPackage();
  // Extraction follows the installed binding's #includes, so it comes after the install.
  const folder = materialize(source);
  stageLibrary(folder);
  buildAddon();
  say('checking that the native backend loads and computes');
  const check = verifyNative();
  if (!check.ok) throw new SetupError(`the addon was built but does not work: ${check.reason}`);
  return check;
}

function main() {
  const started = Date.now();
  let options;
  try {
    options = parseArguments(process.argv.slice(2));
  } catch (error) {
    say(error.message);
    return 2;
  }
  if (!options.force) {
    const check = verifyNative();
    if (check.ok) {
      say(`the native TensorFlow backend already works (${NATIVE_PACKAGE} ${check.version}); nothing to do (--force rebuilds)`);
      return 0;
    }
    say(`native backend not ready: ${check.reason.split('\n')[0]}`);
  }
  try {
    const check = setUp(options);
    say(`done in ${((Date.now() - started) / 1000).toFixed(0)} s: ${NATIVE_PACKAGE} ${check.version} runs on native TensorFlow`);
    return 0;
  } catch (error) {
    if (!(error instanceof SetupError)) throw error;
    const fix = `to fix, run \`npm run setup:native -- --from DIR\` with a TensorFlow C library (see --help) or make \`pip download tensorflow-cpu==${options.tfVersion}\` work`;
    if (error instanceof LibraryNotFound) {
      say(`no TensorFlow C library found (${error.message}); training will use the wasm backend (several times slower); ${fix}`);
    } else {
      say(error.message);
      say(`native backend not set up: training will use the wasm backend (several times slower); ${fix}`);
    }
    return options.strict ? 1 : 0;
  }
}

process.exitCode = main();
