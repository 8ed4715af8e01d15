// --timings (issue 14): the phases and the slowest files on stderr, after the summary; the JSON result is untouched.
// Only the shape of the lines is checked: no assertion depends on how long anything took.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PHASES } from '../src/run/timings.js';

const BIN = join(import.meta.dirname, '..', 'bin', 'dr-migrate.js');
const dir = mkdtempSync(join(tmpdir(), 'dr-migrate-timings-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
mkdirSync(join(dir, 'js'));
writeFileSync(join(dir, 'js', 'pay.js'), "var dr = new DigitalRiver('pk');\ndr.createSource({ type: 'wireTransfer', amount: 1, currency: 'USD', wireTransfer: {} });\n");
writeFileSync(join(dir, 'js', 'plain.js'), 'export const x = 1;\n');

function cli(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('--timings', () => {
  it('prints every phase and the slowest files after the summary', () => {
    const r = cli(['--check', '--timings', '.']);
    expect(r.code).toBe(1);
    const lines = r.stderr.split('\n');
    const header = lines.findIndex((l) => l.startsWith('timings'));
    expect(header).toBeGreaterThan(lines.findIndex((l) => /dr-migrate \(check\): 2 file\(s\) scanned/.test(l)));
    PHASES.forEach((phase, i) => expect(lines[header + 1 + i]).toMatch(new RegExp(`^ {2}${phase} +\\d+\\.\\d ms$`)));
    expect(lines[header + 1 + PHASES.length]).toMatch(/^slowest files \(parse and plan\), 1 of 1:$/);
    expect(lines[header + 2 + PHASES.length]).toMatch(/^ +\d+\.\d ms {2}js\/pay\.js$/);
  });

  it('keeps the JSON result as it is without the flag', () => {
    const plain = JSON.parse(cli(['--check', '--format', 'json', '.']).stdout) as unknown;
    const timed = cli(['--check', '--format', 'json', '--timings', '.']);
    expect(JSON.parse(timed.stdout)).toEqual(plain);
    expect(timed.stderr).toMatch(/^timings/m);
  });
});
