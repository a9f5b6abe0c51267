/**
 * Just enough of the WebAssembly binary format (https://webassembly.github.io/spec/core/binary/) to write the
 * few numeric kernels that need SIMD, without a toolchain: LEB128 integers, the instructions those kernels use,
 * and a one-function module that imports its memory.
 */
export type Bytes = number[];

export const valueType = { i32: 0x7f, f64: 0x7c, v128: 0x7b } as const;

export function unsignedLeb128(value: number): Bytes {
  const out: Bytes = [];
  let rest = value >>> 0;
  do {
    let byte = rest & 0x7f;
    rest >>>= 7;
    if (rest !== 0) byte |= 0x80;
    out.push(byte);
  } while (rest !== 0);
  return out;
}

export function signedLeb128(value: number): Bytes {
  const out: Bytes = [];
  let rest = value | 0;
  for (;;) {
    const byte = rest & 0x7f;
    rest >>= 7;
    const done = (rest === 0 && (byte & 0x40) === 0) || (rest === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

/** Instructions, each returning its encoding. Memory offsets are in bytes; alignment hints are 8 bytes. */
export const op = {
  localGet: (index: number): Bytes => [0x20, ...unsignedLeb128(index)],
  localSet: (index: number): Bytes => [0x21, ...unsignedLeb128(index)],
  localTee: (index: number): Bytes => [0x22, ...unsignedLeb128(index)],
  i32Const: (value: number): Bytes => [0x41, ...signedLeb128(value)],
  i32Add: [0x6a] as Bytes,
  i32Mul: [0x6c] as Bytes,
  i32Shl: [0x74] as Bytes,
  i32GeU: [0x4f] as Bytes,
  f64Zero: [0x44, 0, 0, 0, 0, 0, 0, 0, 0] as Bytes,
  f64Add: [0xa0] as Bytes,
  f64Mul: [0xa2] as Bytes,
  f64Store: (offset: number): Bytes => [0x39, 3, ...unsignedLeb128(offset)],
  v128Load: [0xfd, 0x00, 3, 0] as Bytes,
  f64x2ExtractLane: (lane: number): Bytes => [0xfd, 0x21, lane],
  f64x2Add: [0xfd, ...unsignedLeb128(0xf0)] as Bytes,
  f64x2Mul: [0xfd, ...unsignedLeb128(0xf2)] as Bytes,
  block: [0x02, 0x40] as Bytes,
  loop: [0x03, 0x40] as Bytes,
  end: [0x0b] as Bytes,
  br: (depth: number): Bytes => [0x0c, depth],
  brIf: (depth: number): Bytes => [0x0d, depth],
};

/**
 * `for (counter = 0; counter < limit; counter += step) body` where limit is the value of local `limit` and
 * counter/limit are i32 locals: block { loop { if (counter ≥ limit) break; body; counter += step; continue } }.
 */
export function countedLoop(counter: number, limit: number, step: number, body: Bytes): Bytes {
  return [
    ...op.i32Const(0), ...op.localSet(counter),
    ...op.block, ...op.loop,
    ...op.localGet(counter), ...op.localGet(limit), ...op.i32GeU, ...op.brIf(1),
    ...body,
    ...op.localGet(counter), ...op.i32Const(step), ...op.i32Add, ...op.localSet(counter),
    ...op.br(0),
    ...op.end, ...op.end,
  ];
}

function section(id: number, content: Bytes): Bytes {
  return [id, ...unsignedLeb128(content.length), ...content];
}

function name(text: string): Bytes {
  return [...unsignedLeb128(text.length), ...Array.from(text, (character) => character.charCodeAt(0))];
}

/**
 * A module with one exported function `exportName(params: i32...) → ()` whose memory is imported as
 * env.memory. locals: [count, type] runs after the parameters.
 */
export function singleFunctionModule(
  exportName: string,
  parameterCount: number,
  locals: Array<[number, number]>,
  body: Bytes,
): Uint8Array {
  const localDeclarations = [
    ...unsignedLeb128(locals.length),
    ...locals.flatMap(([count, type]) => [...unsignedLeb128(count), type]),
  ];
  const code = [...localDeclarations, ...body, ...op.end];
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [1, 0x60, parameterCount, ...new Array<number>(parameterCount).fill(valueType.i32), 0]),
    ...section(2, [1, ...name('env'), ...name('memory'), 0x02, 0x00, 0x01]),
    ...section(3, [1, 0]),
    ...section(7, [1, ...name(exportName), 0x00, 0]),
    ...section(10, [1, ...unsignedLeb128(code.length), ...code]),
  ]);
}
