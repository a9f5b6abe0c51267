import { describe, expect, it } from 'vitest';
import { spaceDocument } from '../../benchmarks/json-text.js';
import { parseJsonText } from '../../src/space/json-text.js';
import { inputErrorOf } from './errors.js';

const errorOf = (text: string) => inputErrorOf(() => parseJsonText(text, 'f.json')).message;

describe('parseJsonText', () => {
  it('parses what JSON.parse parses, to the same value', () => {
    const texts = [
      '{"a": [1, -2.5e3, 0, true, false, null, "x\\n\\u00e9\\"\\\\"], "b": {}, "c": []}',
      '  "text"  ',
      '-0',
      '1E+2',
      '[[[]]]',
    ];
    for (const text of texts) expect(parseJsonText(text, 'f.json')).toEqual(JSON.parse(text));
  });

  it('keeps a "__proto__" key as data', () => {
    const value = parseJsonText('{"__proto__": {"polluted": true}}', 'f.json') as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('skips a byte-order mark', () => {
    expect(parseJsonText('\ufeff{"a": 1}', 'f.json')).toEqual({ a: 1 });
  });

  it.each([
    ['', 'line 1 column 1: unexpected end of input, expected a value'],
    ['{"a": 1,}', 'line 1 column 9: unexpected "}", expected a key in double quotes'],
    ['{"a" 1}', 'line 1 column 6: unexpected "1", expected ":" after the key'],
    ['[1, 2', 'line 1 column 6: unexpected end of input, expected "," or "]"'],
    ['{\n  "a": 01\n}', 'line 2 column 9: unexpected "1", expected the end of the number'],
    ['{"a": .5}', 'line 1 column 7: unexpected ".", expected a value'],
    ["{'a': 1}", 'line 1 column 2: unexpected "\'", expected a key in double quotes'],
    ['{"a": "x\ny"}', 'line 1 column 9: control character in a string (write it as an escape such as \\n)'],
    ['{"a": "\\x"}', 'line 1 column 8: invalid escape in a string'],
    ['{"a": "abc', 'line 1 column 7: unterminated string'],
    ['{"a": tru}', 'line 1 column 7: unexpected "t", expected a value'],
    ['{} {}', 'line 1 column 4: unexpected text after the end of the JSON value'],
    ['[1e999]', 'line 1 column 2: number too large'],
    ['\t\r\n\n  x', 'line 3 column 3: unexpected "x", expected a value'],
  ])('reports %j with its position', (text, where) => {
    expect(errorOf(text)).toBe(`f.json: invalid JSON at ${where}`);
  });

  it('rejects a duplicate key at its JSON path', () => {
    expect(errorOf('{"a": {"b": 1, "b": 2}}')).toBe('f.json: $.a.b: duplicate key (first given at line 1 column 8)');
    expect(errorOf('[{"x.y": 1, "x.y": 1}]')).toBe('f.json: $[0]["x.y"]: duplicate key (first given at line 1 column 3)');
  });

  it('refuses absurd nesting instead of overflowing the stack', () => {
    expect(errorOf('['.repeat(10_000))).toMatch(/^f\.json: invalid JSON at line 1 column 258: nested more than 256 levels deep$/);
  });

  // Its reading time as the file grows is measured by `npm run bench -- json-text`.
  it('reads a large space file (24,000 parameters) to the value JSON.parse gives, and places an error at its end', () => {
    const document = spaceDocument(24_000);
    expect(parseJsonText(document, 'f.json')).toEqual(JSON.parse(document));
    const lines = document.split('\n').length;
    expect(errorOf(`${document.slice(0, -2)},\n}`)).toBe(`f.json: invalid JSON at line ${lines} column 1: unexpected "}", expected a key in double quotes`);
  });

  it('refuses lone surrogates and, for text decoded from bad bytes, replacement characters, at their JSON path', () => {
    expect(errorOf('{"a": ["ok", "x\\ud800"]}')).toBe(
      'f.json: $.a[1]: holds an unpaired surrogate (an escape from \\ud800 to \\udfff without its pair), which is not a character',
    );
    expect(errorOf('{"\\udc00": 1}')).toMatch(/^f\.json: \$\["\\udc00"\]: holds an unpaired surrogate/);
    expect(parseJsonText('{"a": "\\ud83d\\ude00 \ufffd"}', 'f.json')).toEqual({ a: '\u{1f600} \ufffd' });
    expect(() => parseJsonText('{"a": "\ufffd"}', 'f.json', { replacedBytes: true })).toThrow(
      'f.json: $.a: holds bytes that are not UTF-8; save the file as UTF-8',
    );
  });
});
