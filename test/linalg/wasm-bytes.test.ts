import { describe, expect, it } from 'vitest';
import { signedLeb128, unsignedLeb128 } from '../../src/linalg/wasm-bytes.js';

describe('LEB128', () => {
  it('encodes unsigned integers (examples from the DWARF / WebAssembly specs)', () => {
    expect(unsignedLeb128(0)).toEqual([0]);
    expect(unsignedLeb128(127)).toEqual([0x7f]);
    expect(unsignedLeb128(128)).toEqual([0x80, 0x01]);
    expect(unsignedLeb128(242)).toEqual([0xf2, 0x01]);
    expect(unsignedLeb128(624485)).toEqual([0xe5, 0x8e, 0x26]);
  });

  it('encodes signed integers', () => {
    expect(signedLeb128(0)).toEqual([0]);
    expect(signedLeb128(63)).toEqual([0x3f]);
    expect(signedLeb128(64)).toEqual([0xc0, 0x00]);
    expect(signedLeb128(-1)).toEqual([0x7f]);
    expect(signedLeb128(-123456)).toEqual([0xc0, 0xbb, 0x78]);
  });
});
