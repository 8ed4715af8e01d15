// The error classes live in one module (issue 16), and an unexpected error becomes an InternalError with its cause.

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InternalError, UsageError } from '../src/errors.js';
import { UsageError as UsageErrorOfOptions } from '../src/options.js';

const ROOT = join(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : /\.c?ts$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

describe('errors', () => {
  it('every error class is declared in src/errors.ts', () => {
    const elsewhere = sourceFiles(join(ROOT, 'src'))
      .filter((file) => /\bclass \w+ extends \w*Error\b/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(ROOT, file));
    expect(elsewhere).toEqual(['src/errors.ts']);
  });

  it('the old import paths give the same classes', () => {
    expect(UsageErrorOfOptions).toBe(UsageError);
  });

  it('InternalError.of keeps the message, the cause and its stack', () => {
    const thrown = new TypeError('x is not a function');
    const e = InternalError.of(thrown);
    expect(e).toBeInstanceOf(InternalError);
    expect(e.message).toBe('x is not a function');
    expect(e.cause).toBe(thrown);
    expect(e.stack).toBe(thrown.stack);
    expect(InternalError.of(e)).toBe(e);
    expect(InternalError.of('a string').message).toBe('a string');
  });
});
