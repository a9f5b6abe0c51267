import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readProtocolLines } from '../../src/serve/read-lines.js';

async function linesOf(chunks: (string | Buffer)[], maxLength?: number): Promise<string[]> {
  const lines: string[] = [];
  for await (const line of readProtocolLines(Readable.from(chunks), maxLength)) lines.push(line);
  return lines;
}

describe('readProtocolLines', () => {
  it('ends lines at "\\n" or "\\r\\n" only: a bare "\\r" stays inside its line', async () => {
    expect(await linesOf(['{"op":"ask"}\r{"op":"front"}\n', 'b\r\n', 'c'])).toEqual(['{"op":"ask"}\r{"op":"front"}', 'b', 'c']);
  });

  it('joins a line split across chunks, and a character split across chunks', async () => {
    const snowman = Buffer.from('"☃"\n');
    expect(await linesOf([Buffer.from('{"a":'), snowman.subarray(0, 2), snowman.subarray(2)])).toEqual(['{"a":"☃"']);
  });

  it('cuts a line longer than the limit and skips its rest without holding it', async () => {
    expect(await linesOf(['abcdefgh', 'ijkl', 'mn\nok\n'], 5)).toEqual(['abcde', 'ok']);
  });
});
