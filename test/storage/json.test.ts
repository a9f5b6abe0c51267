import { describe, expect, it } from 'vitest';
import { decodeJson, decodeJsonOrNull, encodeJson } from '../../src/storage/json.js';

describe('encodeJson / decodeJson', () => {
  it('round-trips NaN and ±Infinity where plain JSON would write null', () => {
    const curve = [
      { tokens: 1, devEm: 0, devLoss: Number.NaN },
      { tokens: 2, devEm: 0, devLoss: Number.POSITIVE_INFINITY },
      { tokens: 3, devEm: 0, devLoss: Number.NEGATIVE_INFINITY },
    ];
    expect(JSON.parse(JSON.stringify(curve))[0].devLoss).toBeNull();
    const back = decodeJson<typeof curve>(encodeJson(curve));
    expect(back[0].devLoss).toBeNaN();
    expect(back[1].devLoss).toBe(Number.POSITIVE_INFINITY);
    expect(back[2].devLoss).toBe(Number.NEGATIVE_INFINITY);
    expect(back.map((p) => p.tokens)).toEqual([1, 2, 3]);
  });

  it('writes finite data as plain JSON and reads it back unchanged', () => {
    const value = { params: { lr: 0.001, rule: 'NaN', ok: true, list: [1, 'Infinity', null] }, nested: { a: {} } };
    expect(encodeJson(value)).toBe(JSON.stringify(value));
    expect(decodeJson(encodeJson(value))).toEqual(value);
  });

  it('reads a null column as null', () => {
    expect(decodeJsonOrNull(null)).toBeNull();
    expect(decodeJsonOrNull('[1]')).toEqual([1]);
  });
});
