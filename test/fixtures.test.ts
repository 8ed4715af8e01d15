// Every fixture pair under fixtures/: exact output (no trimming), findings by id and line, and idempotence.

import { describe, expect, it } from 'vitest';
import { toEngineOptions, type MigrationOptions } from '../src/options.js';
import { processText } from '../src/engine/process-text.js';
import { fixtureCases, readCase as read } from './fixture-cases.js';

interface ExpectedFinding {
  readonly id: string;
  readonly line: number;
}

const byLine = (a: ExpectedFinding, b: ExpectedFinding): number => a.line - b.line || a.id.localeCompare(b.id);

describe.each(fixtureCases())('fixtures/$folder/$name', (c) => {
  const input = read(c, 'input') as string;
  const expected = read(c, 'output');
  const options = toEngineOptions(JSON.parse(read(c, 'options', 'json') ?? '{}') as MigrationOptions);
  const file = `${c.name}.${c.ext}`;

  it('has an output file', () => {
    expect(expected, `fixtures/${c.folder}/${c.name}.output.${c.ext} is missing`).toBeTypeOf('string');
  });

  it('migrates to exactly the expected output', () => {
    const { output } = processText(file, input, options);
    expect(output ?? input).toBe(expected);
  });

  it('reports the expected findings by id and line', () => {
    const { result } = processText(file, input, options);
    const actual = result.findings.map((f) => ({ id: f.id, line: f.line })).sort(byLine);
    const want = (JSON.parse(read(c, 'findings', 'json') ?? '[]') as ExpectedFinding[]).slice().sort(byLine);
    expect(actual).toEqual(want);
  });

  it('changes nothing when run again on its output', () => {
    const second = processText(file, expected ?? input, options);
    expect(second.output).toBeUndefined();
  });
});
