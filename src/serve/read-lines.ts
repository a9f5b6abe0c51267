import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';

/** Longest request line kept whole; a longer one is cut here (and then fails to parse, getting one error reply). */
export const MAX_LINE_LENGTH = 4 * 1024 * 1024;

/**
 * The lines of a protocol stream: split at "\n" only, one "\r" before it dropped (CRLF), so that a bare "\r"
 * inside a line never splits it into two requests. A line longer than `maxLength` characters is yielded cut to
 * `maxLength`, and the rest of it is skipped without being held in memory. A last line without "\n" is yielded
 * too. Cost: O(bytes read); memory O(maxLength).
 */
export async function* readProtocolLines(input: Readable, maxLength = MAX_LINE_LENGTH): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let skipping = false;
  const take = (text: string): string[] => {
    const lines: string[] = [];
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      const piece = text.slice(start, end);
      start = end + 1;
      if (skipping) {
        skipping = false;
        pending = '';
        continue;
      }
      const line = pending + piece;
      pending = '';
      lines.push(line.endsWith('\r') ? line.slice(0, -1) : line);
    }
    const rest = text.slice(start);
    if (!skipping) {
      pending += rest;
      if (pending.length > maxLength) {
        lines.push(pending.slice(0, maxLength));
        pending = '';
        skipping = true;
      }
    }
    return lines;
  };
  for await (const chunk of input) {
    yield* take(typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer));
  }
  const last = take(decoder.end());
  yield* last;
  if (!skipping && pending !== '') yield pending.endsWith('\r') ? pending.slice(0, -1) : pending;
}
