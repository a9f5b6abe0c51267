import { describe, expect, it } from 'vitest';
import { toCsv } from '../../src/export/csv.js';
import { buildFrontReport } from '../../src/export/front-report.js';
import { makeStudy, makeTrials, sampleTrials } from './fixtures.js';

/** A small RFC 4180 reader: quoted fields with doubled quotes, commas and line breaks inside, CRLF or LF rows. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') {
        quoted = false;
      } else {
        field += char;
      }
    } else if (char === '"') {
      quoted = true;
    } else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\r' || char === '\n') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += char;
    }
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

describe('toCsv', () => {
  it('writes one row per trial that parses back, with an on_front column and flattened params', () => {
    const report = buildFrontReport(makeStudy(), sampleTrials());
    const [header, ...rows] = readCsv(toCsv(report));
    expect(header).toEqual([
      'number', 'state', 'on_front', 'diverged', 'tokens_mean', 'tokens_se', 'em_mean', 'em_se',
      'confirmed_tokens_mean', 'confirmed_tokens_se', 'confirmed_test_em_mean', 'confirmed_test_em_se', 'confirmed_runs',
      'batchSize', 'learningRate', 'stopping.patience', 'stopping.rule', 'stopping.target',
    ]);
    expect(rows).toHaveLength(8);
    const byNumber = rows.map((cells) => Object.fromEntries(header.map((name, i) => [name, cells[i]])));
    expect(byNumber.filter((r) => r.on_front === 'true').map((r) => r.number)).toEqual(['1', '2', '4']);
    expect(byNumber[1]).toMatchObject({
      number: '1', state: 'complete', tokens_mean: '80000', tokens_se: '4000', em_mean: '0.6', em_se: '0.01',
      'stopping.rule': 'patience', 'stopping.patience': '3', 'stopping.target': '', batchSize: '64',
    });
    expect(byNumber[1].confirmed_test_em_mean).toBe('');
    expect(byNumber[2]).toMatchObject({ em_mean: '0.9', confirmed_tokens_mean: '160000', confirmed_test_em_mean: '0.85', confirmed_test_em_se: '0.02', confirmed_runs: '3' });
    expect(byNumber[5].diverged).toBe('true');
    // The storage id (101 for trial #1) is internal: only the trial number labels a row.
    expect(header).not.toContain('id');
    expect(rows.flat()).not.toContain('101');
    expect(byNumber[6]).toMatchObject({ state: 'failed', tokens_mean: '', em_mean: '', on_front: 'false' });
  });

  it('quotes commas, quotes and line breaks, and prefixes params that collide with fixed columns', () => {
    const trials = makeTrials([
      { values: [100, 0.5], params: { note: 'a, "b"\nc', state: 'x', 'stopping.rule': 'none' } },
    ]);
    const text = toCsv(buildFrontReport(makeStudy(), trials));
    expect(text).toContain('"a, ""b""\nc"');
    expect(text.endsWith('\r\n')).toBe(true);
    const [header, row] = readCsv(text);
    expect(header.slice(13)).toEqual(['note', 'param:state', 'stopping.rule']);
    expect(row.slice(13)).toEqual(['a, "b"\nc', 'x', 'none']);
    expect(row[1]).toBe('complete');
  });
});
