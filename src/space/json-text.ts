import { InputError } from '../errors.js';
import { memberPath, elementPath, failAt } from './json-path.js';

/**
 * Parses JSON text (RFC 8259) strictly, for files users write by hand. Unlike `JSON.parse` it always says where
 * a syntax error is (`<source>: invalid JSON at line L column C: …`, 1-based; Node 20's messages often give no
 * position) and it rejects duplicate keys, which `JSON.parse` resolves silently to the last one — a typo'd
 * copy-paste must not pass. A leading byte-order mark is skipped. Cost: O(length of text).
 */
export function parseJsonText(text: string, source: string, options: JsonTextOptions = {}): unknown {
  return new JsonReader(text, source, options.replacedBytes ?? false).readDocument();
}

export interface JsonTextOptions {
  /**
   * The text was decoded from bytes that are not all UTF-8, each bad sequence replaced by U+FFFD: a string holding
   * U+FFFD is then refused at its JSON path, so that the user learns where the bad bytes are.
   */
  replacedBytes?: boolean;
}

const MAX_DEPTH = 256;
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

class JsonReader {
  private position = 0;

  constructor(
    private readonly text: string,
    private readonly source: string,
    private readonly replacedBytes: boolean,
  ) {
    if (text.charCodeAt(0) === 0xfeff) this.position = 1;
  }

  readDocument(): unknown {
    const value = this.readValue('$', 0);
    this.skipWhitespace();
    if (this.position < this.text.length) this.syntaxError('unexpected text after the end of the JSON value');
    return value;
  }

  private readValue(path: string, depth: number): unknown {
    if (depth > MAX_DEPTH) this.syntaxError(`nested more than ${MAX_DEPTH} levels deep`);
    this.skipWhitespace();
    const char = this.text[this.position];
    switch (char) {
      case '{':
        return this.readObject(path, depth);
      case '[':
        return this.readArray(path, depth);
      case '"':
        return this.checkText(this.readString(), path);
      case 't':
        return this.readLiteral('true', true);
      case 'f':
        return this.readLiteral('false', false);
      case 'n':
        return this.readLiteral('null', null);
      default:
        if (char === '-' || (char >= '0' && char <= '9')) return this.readNumber();
        return this.unexpected('a value');
    }
  }

  private readObject(path: string, depth: number): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    // Offsets, not line numbers: counting lines for every key would make reading quadratic in the file's size.
    const keyOffsets = new Map<string, number>();
    this.position++; // {
    this.skipWhitespace();
    if (this.text[this.position] === '}') {
      this.position++;
      return result;
    }
    for (;;) {
      this.skipWhitespace();
      if (this.text[this.position] !== '"') this.unexpected('a key in double quotes');
      const keyStart = this.position;
      const key = this.readString();
      const keyPath = memberPath(path, key);
      this.checkText(key, keyPath);
      const earlier = keyOffsets.get(key);
      if (earlier !== undefined) failAt(this.source, keyPath, `duplicate key (first given at ${this.describe(earlier)})`);
      keyOffsets.set(key, keyStart);
      this.skipWhitespace();
      if (this.text[this.position] !== ':') this.unexpected('":" after the key');
      this.position++;
      // defineProperty, not assignment, so that a "__proto__" key is data rather than a prototype change.
      Object.defineProperty(result, key, {
        value: this.readValue(keyPath, depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
      this.skipWhitespace();
      const next = this.text[this.position];
      this.position++;
      if (next === '}') return result;
      if (next !== ',') {
        this.position--;
        this.unexpected('"," or "}"');
      }
    }
  }

  private readArray(path: string, depth: number): unknown[] {
    const result: unknown[] = [];
    this.position++; // [
    this.skipWhitespace();
    if (this.text[this.position] === ']') {
      this.position++;
      return result;
    }
    for (;;) {
      result.push(this.readValue(elementPath(path, result.length), depth + 1));
      this.skipWhitespace();
      const next = this.text[this.position];
      this.position++;
      if (next === ']') return result;
      if (next !== ',') {
        this.position--;
        this.unexpected('"," or "]"');
      }
    }
  }

  private readString(): string {
    const start = this.position;
    this.position++; // opening quote
    for (;;) {
      if (this.position >= this.text.length) this.syntaxError('unterminated string', start);
      const code = this.text.charCodeAt(this.position);
      if (code === 0x22) break;
      if (code < 0x20) this.syntaxError('control character in a string (write it as an escape such as \\n)');
      if (code === 0x5c) {
        const escape = this.text[this.position + 1];
        if (escape === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.position + 2, this.position + 6))) {
            this.syntaxError('\\u must be followed by four hexadecimal digits');
          }
          this.position += 6;
          continue;
        }
        if (escape === undefined || !ESCAPES.has(escape)) this.syntaxError('invalid escape in a string');
        this.position += 2;
        continue;
      }
      this.position++;
    }
    this.position++; // closing quote
    // The token is now known to be valid JSON, so the built-in decoder gives its exact value.
    return JSON.parse(this.text.slice(start, this.position)) as string;
  }

  /**
   * Refuses text that is no sequence of characters: a lone surrogate (an unpaired `\ud800` escape) cannot be
   * written as UTF-8, and stored it makes the database unreadable by other programs; U+FFFD marks bytes that were
   * not UTF-8 when `replacedBytes` is set.
   */
  private checkText(value: string, path: string): string {
    if (LONE_SURROGATE.test(value)) failAt(this.source, path, 'holds an unpaired surrogate (an escape from \\ud800 to \\udfff without its pair), which is not a character');
    if (this.replacedBytes && value.includes('\ufffd')) failAt(this.source, path, 'holds bytes that are not UTF-8; save the file as UTF-8');
    return value;
  }

  private readNumber(): number {
    NUMBER.lastIndex = this.position;
    const match = NUMBER.exec(this.text);
    if (match === null) return this.unexpected('a number');
    this.position += match[0].length;
    const next = this.text[this.position];
    if (next !== undefined && /[0-9A-Za-z.+\-]/.test(next)) this.unexpected('the end of the number');
    const value = Number(match[0]);
    if (!Number.isFinite(value)) this.syntaxError('number too large', this.position - match[0].length);
    return value;
  }

  private readLiteral<T>(word: string, value: T): T {
    if (this.text.startsWith(word, this.position)) {
      this.position += word.length;
      return value;
    }
    return this.unexpected('a value');
  }

  private skipWhitespace(): void {
    for (;;) {
      const code = this.text.charCodeAt(this.position);
      if (code !== 0x20 && code !== 0x0a && code !== 0x0d && code !== 0x09) return;
      this.position++;
    }
  }

  private unexpected(expected: string): never {
    if (this.position >= this.text.length) this.syntaxError(`unexpected end of input, expected ${expected}`);
    const char = this.text.codePointAt(this.position) ?? 0;
    const shown = char < 0x20 || char === 0x7f ? `U+${char.toString(16).padStart(4, '0')}` : String.fromCodePoint(char);
    return this.syntaxError(`unexpected ${JSON.stringify(shown)}, expected ${expected}`);
  }

  private syntaxError(what: string, at = this.position): never {
    throw new InputError(`${this.source}: invalid JSON at ${this.describe(at)}: ${what}`);
  }

  /** `line L column C` of an offset (1-based; columns count UTF-16 code units). */
  private describe(offset: number): string {
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < offset && i < this.text.length; i++) {
      if (this.text.charCodeAt(i) === 0x0a) {
        line++;
        lineStart = i + 1;
      }
    }
    return `line ${line} column ${offset - lineStart + 1}`;
  }
}
