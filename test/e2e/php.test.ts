// Payload arrays built in PHP (issue 13 §3), from the built CLI: --php-session-id, its validation, and a dry-run
// patch that git applies to exactly what write mode writes.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyDir, FIXTURES, git, makeGitRepo, makeTemp, removeTemp, runCli } from './helpers.js';

const temps: string[] = [];
afterAll(() => temps.forEach(removeTemp));

function projectWithKlarna(): string {
  const dir = makeTemp('dr-migrate-e2e-php-');
  temps.push(dir);
  copyDir(join(FIXTURES, 'php'), join(dir, 'Controller'));
  makeGitRepo(dir);
  return dir;
}

describe('PHP payload arrays', () => {
  it('--php-session-id sets the inserted expression, and the dry-run patch applies to what write mode writes', async () => {
    const dir = projectWithKlarna();
    const file = join(dir, 'Controller', 'short-klarna.input.php');
    const dry = await runCli(['--dry-run', '--php-session-id', '$this->checkoutSession->getPaymentSessionId()', 'Controller/short-klarna.input.php'], { cwd: dir });
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain("+    'sessionId' => $this->checkoutSession->getPaymentSessionId(),\n");
    const patch = join(dir, '..', `${dir.split('/').pop() ?? 'p'}.patch`);
    temps.push(patch);
    writeFileSync(patch, dry.stdoutBytes);
    git(dir, ['apply', patch]);
    const applied = readFileSync(file, 'utf8');
    git(dir, ['checkout', '--', '.']);
    const write = await runCli(['--php-session-id', '$this->checkoutSession->getPaymentSessionId()', 'Controller/short-klarna.input.php'], { cwd: dir });
    expect(write.code, write.stderr).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(applied);
    const expected = readFileSync(join(FIXTURES, 'php', 'short-klarna.output.php'), 'utf8').replace('$sessionId', '$this->checkoutSession->getPaymentSessionId()');
    expect(applied).toBe(expected);
  });

  it('refuses a --php-session-id that is not a plain PHP expression, in one line, exit 2', async () => {
    const dir = projectWithKlarna();
    const r = await runCli(['--check', '--php-session-id', 'exec("rm -rf /")', '.'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/--php-session-id .* is not a plain PHP expression/);
  });
});
