// Structural checks that keep the rules table, transforms, fixtures, findings, README and --help in step.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FINDINGS, FINDING_IDS, messageOf } from '../src/findings.js';
import { METHOD_RULES, METHOD_TYPES } from '../src/rules/methods.js';
import { main } from '../src/cli.js';

const ROOT = join(import.meta.dirname, '..');

async function help(): Promise<string> {
  let out = '';
  const code = await main(['--help'], {
    stdout: (s) => (out += s),
    stderr: () => undefined,
    stdoutIsTTY: false,
    stderrIsTTY: false,
    env: {},
    cwd: ROOT,
  });
  expect(code).toBe(0);
  return out;
}

describe('every method in the rules table', () => {
  it.each(METHOD_TYPES)('%s has a transform, a fixture folder with cases, and a citation', (type) => {
    expect(existsSync(join(ROOT, 'transforms', `${type}.ts`))).toBe(true);
    const folder = join(ROOT, 'fixtures', type);
    expect(existsSync(folder)).toBe(true);
    expect(readdirSync(folder).filter((f) => /\.input\./.test(f)).length).toBeGreaterThan(0);
    expect(METHOD_RULES[type].citation).toMatch(/§/);
    expect(METHOD_RULES[type].type).toBe(type);
  });

  it('has no transform without a rule (besides the combined one)', () => {
    const names = readdirSync(join(ROOT, 'transforms')).map((f) => f.replace(/\.ts$/, ''));
    expect(names.filter((n) => n !== 'all').sort()).toEqual([...METHOD_TYPES].sort());
  });

  it.each(METHOD_TYPES)('%s is a row of the README rules table with its removals', (type) => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const row = readme.split('\n').find((l) => l.includes(`| \`${type}\` |`));
    expect(row, `README has no rules row for ${type}`).toBeDefined();
    for (const key of [...METHOD_RULES[type].removeTopLevel, ...METHOD_RULES[type].removeDetails.slice(0, 1)]) {
      expect(row).toContain(`\`${key}\``);
    }
  });
});

describe('findings', () => {
  it.each(FINDING_IDS)('%s has a severity and a message', (id) => {
    expect(['error', 'review', 'warning', 'info']).toContain(FINDINGS[id].severity);
    expect(messageOf(id, {}).length).toBeGreaterThan(10);
  });
});

describe('the README flag table', () => {
  it('lists exactly the flags --help shows', async () => {
    const fromHelp = [...(await help()).matchAll(/^ {2}((?:-\w, )?--[\w-]+)/gm)].map((m) => m[1]).sort();
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('| flag | what it does |')).split('\n\n')[0] ?? '';
    const fromReadme = [...table.matchAll(/^\| `((?:-\w, )?--[\w-]+)[^`]*` \|/gm)].map((m) => m[1]).sort();
    expect(fromReadme).toEqual(fromHelp);
  });
});
